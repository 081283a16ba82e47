package org.cockroachdb.mesos.testkit.cockroach.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class PgTextTest {

    @Test
    void floatsAreTheShortestExactDigitsInGosLayout() {
        assertThat(PgText.float8(1.5)).isEqualTo("1.5");
        assertThat(PgText.float8(0.1)).isEqualTo("0.1");
        assertThat(PgText.float8(100)).isEqualTo("100");
        assertThat(PgText.float8(123456)).isEqualTo("123456");
        assertThat(PgText.float8(1e6)).isEqualTo("1e+06");
        assertThat(PgText.float8(1234567)).isEqualTo("1.234567e+06");
        assertThat(PgText.float8(1e20)).isEqualTo("1e+20");
        assertThat(PgText.float8(0.0001)).isEqualTo("0.0001");
        assertThat(PgText.float8(0.00001)).isEqualTo("1e-05");
        assertThat(PgText.float8(-2.5e-300)).isEqualTo("-2.5e-300");
        assertThat(PgText.float8(0.0)).isEqualTo("0");
        assertThat(PgText.float8(-0.0)).isEqualTo("-0");
        assertThat(PgText.float8(Double.NaN)).isEqualTo("NaN");
        assertThat(PgText.float8(Double.NEGATIVE_INFINITY)).isEqualTo("-Infinity");
        assertThat(Double.parseDouble(PgText.float8(Math.PI))).isEqualTo(Math.PI);
        assertThat(PgText.float4(0.1f)).isEqualTo("0.1");
        assertThat(Float.parseFloat(PgText.float4(3.4028235e38f))).isEqualTo(3.4028235e38f);
    }

    @Test
    void byteaIsHex() {
        assertThat(PgText.bytea(new byte[] {0, (byte) 0xff, 10})).isEqualTo("\\x00ff0a");
        assertThat(PgText.bytea(new byte[0])).isEqualTo("\\x");
    }

    @Test
    void timesKeepMicrosecondsWithoutTrailingZerosAndZonesAreUtc() {
        assertThat(PgText.timestamp(LocalDateTime.of(2024, 1, 2, 3, 4, 5))).isEqualTo("2024-01-02 03:04:05");
        assertThat(PgText.timestamp(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 120_000_000))).isEqualTo("2024-01-02 03:04:05.12");
        assertThat(PgText.timestamptz(OffsetDateTime.parse("2024-01-02T03:04:05.000001+05:30")))
                .isEqualTo("2024-01-01 21:34:05.000001+00:00");
        assertThat(PgText.time(LocalTime.of(23, 59, 59, 999_999_000))).isEqualTo("23:59:59.999999");
    }

    @Test
    void jsonbIsSpacedAsCockroachDbPrintsIt() {
        assertThat(PgText.json("{\"a\":1,\"b\":[true,null,\"x\"],\"c\":{}}")).isEqualTo("{\"a\": 1, \"b\": [true, null, \"x\"], \"c\": {}}");
        assertThat(PgText.json("\"s\"")).isEqualTo("\"s\"");
    }
}
