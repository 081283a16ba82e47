package org.cockroachdb.mesos.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuorumWarningsTest {

    private static ServiceConfig.Parsed.Valid parseCount(int count) {
        ServiceConfig.Parsed parsed = ServiceConfig.parse(Map.of("NODE_COUNT", Integer.toString(count)));
        assertThat(parsed).isInstanceOf(ServiceConfig.Parsed.Valid.class);
        return (ServiceConfig.Parsed.Valid) parsed;
    }

    @ParameterizedTest
    @CsvSource({"1, fewer than 3 nodes", "2, fewer than 3 nodes", "4, even count", "100, even count"})
    void smallOrEvenCountIsAcceptedWithAQuorumWarning(int count, String warning) {
        ServiceConfig.Parsed.Valid valid = parseCount(count);

        assertThat(valid.config().nodeCount()).isEqualTo(count);
        assertThat(valid.warnings()).singleElement().asString()
                .startsWith("NODE_COUNT=" + count + ":")
                .contains(warning);
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 5, 7, 99})
    void oddCountOfThreeOrMoreHasNoWarning(int count) {
        assertThat(parseCount(count).warnings()).isEqualTo(List.of());
    }
}
