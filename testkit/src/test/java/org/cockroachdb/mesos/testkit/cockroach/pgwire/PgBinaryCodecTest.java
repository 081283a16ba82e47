package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.util.ByteConverter;

/** Binary formats checked against pgjdbc's own encoder and decoder, and against PostgreSQL's epoch arithmetic. */
class PgBinaryCodecTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "0.00", "1", "-1", "9999", "10000", "12345678.9", "0.0001", "0.00001", "-12.345",
        "100000000.000000001", "123456789012345678901234567890.123456789", "-0.5"})
    void numericMatchesPgjdbcBothWays(String text) throws Exception {
        BigDecimal value = new BigDecimal(text);
        BigDecimal readByPgjdbc = (BigDecimal) ByteConverter.numeric(BinaryCodec.encode(TypeOid.NUMERIC, text));
        assertThat(readByPgjdbc).isEqualByComparingTo(value);
        assertThat(readByPgjdbc.scale()).isEqualTo(value.scale());
        assertThat(BinaryCodec.decode(TypeOid.NUMERIC, ByteConverter.numeric(value))).isEqualTo(value.toPlainString());
    }

    @Test
    void numericSpecialValuesRoundTrip() throws Exception {
        for (String special : new String[] {"NaN", "Infinity", "-Infinity"}) {
            assertThat(BinaryCodec.decode(TypeOid.NUMERIC, BinaryCodec.encode(TypeOid.NUMERIC, special))).isEqualTo(special);
        }
        assertThat(ByteConverter.numeric(BinaryCodec.encode(TypeOid.NUMERIC, "NaN"))).isEqualTo(Double.NaN);
    }

    @Test
    void integersFloatsAndBooleansMatchPgjdbc() throws Exception {
        assertThat(ByteConverter.int2(BinaryCodec.encode(TypeOid.INT2, "-32768"), 0)).isEqualTo((short) -32768);
        assertThat(ByteConverter.int4(BinaryCodec.encode(TypeOid.INT4, "2147483647"), 0)).isEqualTo(Integer.MAX_VALUE);
        assertThat(ByteConverter.int8(BinaryCodec.encode(TypeOid.INT8, "-9000000000"), 0)).isEqualTo(-9_000_000_000L);
        assertThat(ByteConverter.float4(BinaryCodec.encode(TypeOid.FLOAT4, "1.5"), 0)).isEqualTo(1.5f);
        assertThat(ByteConverter.float8(BinaryCodec.encode(TypeOid.FLOAT8, "-Infinity"), 0)).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(ByteConverter.bool(BinaryCodec.encode(TypeOid.BOOL, "t"), 0)).isTrue();
        assertThat(ByteConverter.bool(BinaryCodec.encode(TypeOid.BOOL, "false"), 0)).isFalse();
        assertThat(BinaryCodec.decode(TypeOid.FLOAT8, ByteBuffer.allocate(8).putDouble(0.1).array())).isEqualTo("0.1");
        assertThat(BinaryCodec.decode(TypeOid.BOOL, new byte[] {0})).isEqualTo("f");
    }

    @Test
    void datesAndTimestampsCountFromTheTurnOf2000() throws Exception {
        assertThat(ByteBuffer.wrap(BinaryCodec.encode(TypeOid.DATE, "2000-01-01")).getInt()).isZero();
        assertThat(ByteBuffer.wrap(BinaryCodec.encode(TypeOid.DATE, "1999-12-31")).getInt()).isEqualTo(-1);
        assertThat(ByteBuffer.wrap(BinaryCodec.encode(TypeOid.TIMESTAMP, "2000-01-01 00:00:01.5")).getLong()).isEqualTo(1_500_000);
        assertThat(ByteBuffer.wrap(BinaryCodec.encode(TypeOid.TIMESTAMPTZ, "2000-01-01 02:00:00+02")).getLong()).isZero();
        assertThat(ByteBuffer.wrap(BinaryCodec.encode(TypeOid.TIMESTAMPTZ, "2000-01-01 00:00:00-05:30")).getLong())
                .isEqualTo(19_800_000_000L);
        assertThat(ByteBuffer.wrap(BinaryCodec.encode(TypeOid.TIMESTAMP, "infinity")).getLong()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-02-29", "0044-03-15 BC", "infinity", "-infinity"})
    void datesRoundTrip(String text) throws Exception {
        assertThat(BinaryCodec.decode(TypeOid.DATE, BinaryCodec.encode(TypeOid.DATE, text))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2024-03-04 05:06:07.123456", "1970-01-01 00:00:00", "1999-12-31 23:59:59.9", "0001-01-01 00:00:00 BC"})
    void timestampsRoundTrip(String text) throws Exception {
        assertThat(BinaryCodec.decode(TypeOid.TIMESTAMP, BinaryCodec.encode(TypeOid.TIMESTAMP, text))).isEqualTo(text);
        String withZone = text.endsWith(" BC") ? text.replace(" BC", "+00 BC") : text + "+00";
        assertThat(BinaryCodec.decode(TypeOid.TIMESTAMPTZ, BinaryCodec.encode(TypeOid.TIMESTAMPTZ, withZone))).isEqualTo(withZone);
    }

    @Test
    void timeUuidByteaAndJsonbRoundTrip() throws Exception {
        assertThat(BinaryCodec.decode(TypeOid.TIME, BinaryCodec.encode(TypeOid.TIME, "13:14:15.25"))).isEqualTo("13:14:15.25");
        String uuid = "0f8fad5b-d9cb-469f-a165-70867728950e";
        assertThat(BinaryCodec.decode(TypeOid.UUID, BinaryCodec.encode(TypeOid.UUID, uuid))).isEqualTo(uuid);
        assertThat(BinaryCodec.encode(TypeOid.BYTEA, "\\x00ff10")).containsExactly(0, 0xff, 0x10);
        assertThat(BinaryCodec.encode(TypeOid.BYTEA, "a\\\\b\\001")).containsExactly('a', '\\', 'b', 1);
        assertThat(BinaryCodec.decode(TypeOid.BYTEA, new byte[] {1, (byte) 0xab})).isEqualTo("\\x01ab");
        assertThat(BinaryCodec.encode(TypeOid.JSONB, "{}")).containsExactly(1, '{', '}');
        assertThat(BinaryCodec.decode(TypeOid.JSONB, new byte[] {1, '[', ']'})).isEqualTo("[]");
    }

    @Test
    void valuesThatDoNotFitTheirTypeAreSqlErrors() {
        assertThatThrownBy(() -> BinaryCodec.encode(TypeOid.INT4, "99999999999"))
                .isInstanceOf(SqlError.class).extracting(e -> ((SqlError) e).sqlState()).isEqualTo("22P02");
        assertThatThrownBy(() -> BinaryCodec.decode(TypeOid.INT8, new byte[3]))
                .isInstanceOf(SqlError.class).extracting(e -> ((SqlError) e).sqlState()).isEqualTo("22P03");
        assertThatThrownBy(() -> BinaryCodec.encode(1186, "1 day"))
                .isInstanceOf(SqlError.class).extracting(e -> ((SqlError) e).sqlState()).isEqualTo("0A000");
    }
}
