package org.cockroachdb.mesos.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemoryShareTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private static MemoryShare share(String text) {
        return ((Reading.Ok<MemoryShare>) MemoryShare.read(text)).value();
    }

    @ParameterizedTest(name = "{0} of 4 GiB")
    @CsvSource({
        "25%, 1073741824",
        "12.5%, 536870912",
        ".25, 1073741824",
        "0.1, 429496729",
        "512MiB, 536870912",
        "1GiB, 1073741824",
        "1gib, 1073741824",
        "1GB, 1000000000",
        "1.5GiB, 1610612736",
    })
    void shareResolvesAgainstTheTaskMemory(String text, long expectedBytes) {
        assertThat(share(text).resolve(4 * GIB)).isEqualTo(expectedBytes);
        assertThat(share(text).text()).isEqualTo(text);
    }

    @Test
    void configResolvesCacheAndSqlMemoryAgainstTaskMemoryNotHostMemory() {
        ServiceConfig config = ((ServiceConfig.Parsed.Valid) ServiceConfig.parse(Map.of(
                "NODE_MEM", "2048", "COCKROACH_CACHE_SIZE", "20%", "COCKROACH_MAX_SQL_MEMORY", "256MiB"))).config();

        assertThat(config.nodeMemBytes()).isEqualTo(2048 * MIB);
        assertThat(config.cacheBytes(config.nodeMemBytes())).isEqualTo(2048 * MIB / 5);
        assertThat(config.sqlMemoryBytes(config.nodeMemBytes())).isEqualTo(256 * MIB);
        assertThat(config.cacheBytes(8 * GIB)).isEqualTo(8 * GIB / 5);
    }

    @Test
    void memoryWithinEightyPercentOfNodeMemIsAccepted() {
        // 2 x 30% + 20% = 80%: exactly at the limit.
        ServiceConfig.Parsed parsed = ServiceConfig.parse(Map.of(
                "COCKROACH_CACHE_SIZE", "20%", "COCKROACH_MAX_SQL_MEMORY", "30%"));

        assertThat(parsed).isInstanceOf(ServiceConfig.Parsed.Valid.class);
    }

    @Test
    void memoryBeyondEightyPercentOfNodeMemIsRefused() {
        // 2 x 30% + 25% = 85%.
        ServiceConfig.Parsed parsed = ServiceConfig.parse(Map.of("COCKROACH_MAX_SQL_MEMORY", "30%"));

        assertThat(((ServiceConfig.Parsed.Invalid) parsed).errors()).singleElement().asString()
                .startsWith("COCKROACH_MAX_SQL_MEMORY='30%' is invalid: ")
                .contains("80% of NODE_MEM (4096 MiB)");
    }

    @Test
    void absoluteSizesAreCheckedAgainstNodeMem() {
        // 2 x 1GiB + 1GiB = 3 GiB of a 3 GiB node.
        ServiceConfig.Parsed parsed = ServiceConfig.parse(Map.of(
                "NODE_MEM", "3072", "COCKROACH_CACHE_SIZE", "1GiB", "COCKROACH_MAX_SQL_MEMORY", "1GiB"));

        assertThat(((ServiceConfig.Parsed.Invalid) parsed).errors()).singleElement().asString()
                .contains("comes to 3072 MiB");
    }

    @Test
    void eightyPercentRuleIsSkippedWhenNodeMemItselfIsBad() {
        ServiceConfig.Parsed parsed = ServiceConfig.parse(Map.of("NODE_MEM", "10", "COCKROACH_CACHE_SIZE", "4GiB"));

        assertThat(((ServiceConfig.Parsed.Invalid) parsed).errors()).singleElement().asString()
                .startsWith("NODE_MEM=");
    }
}
