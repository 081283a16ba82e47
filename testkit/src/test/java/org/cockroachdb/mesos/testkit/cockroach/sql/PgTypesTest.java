package org.cockroachdb.mesos.testkit.cockroach.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PgTypesTest {

    @Test
    void h2TypesMapToTheOidsCockroachDbReports() {
        assertThat(PgTypes.oid("SMALLINT", 16, true)).isEqualTo(21);
        assertThat(PgTypes.oid("INTEGER", 32, true)).isEqualTo(23);
        assertThat(PgTypes.oid("BIGINT", 64, true)).isEqualTo(20);
        assertThat(PgTypes.oid("REAL", 24, true)).isEqualTo(700);
        assertThat(PgTypes.oid("DOUBLE PRECISION", 53, true)).isEqualTo(701);
        assertThat(PgTypes.oid("NUMERIC", 10, true)).isEqualTo(1700);
        assertThat(PgTypes.oid("DECFLOAT", 100000, true)).isEqualTo(1700);
        assertThat(PgTypes.oid("BOOLEAN", 1, true)).isEqualTo(16);
        assertThat(PgTypes.oid("BINARY VARYING", 1_000_000_000, true)).isEqualTo(17);
        assertThat(PgTypes.oid("DATE", 10, true)).isEqualTo(1082);
        assertThat(PgTypes.oid("TIMESTAMP", 26, true)).isEqualTo(1114);
        assertThat(PgTypes.oid("TIMESTAMP WITH TIME ZONE", 32, true)).isEqualTo(1184);
        assertThat(PgTypes.oid("UUID", 16, true)).isEqualTo(2950);
        assertThat(PgTypes.oid("JSON", 1_000_000_000, true)).isEqualTo(3802);
    }

    @Test
    void onlyADeclaredLengthOnATableColumnMakesAVarchar() {
        assertThat(PgTypes.oid("CHARACTER VARYING", 10, true)).isEqualTo(PgTypes.VARCHAR);
        assertThat(PgTypes.oid("CHARACTER VARYING", 1_000_000_000, true)).isEqualTo(PgTypes.TEXT);
        assertThat(PgTypes.oid("CHARACTER VARYING", 3, false)).as("a literal 'abc'").isEqualTo(PgTypes.TEXT);
    }

    @Test
    void anythingElseIsText() {
        assertThat(PgTypes.oid("GEOMETRY", 0, true)).isEqualTo(PgTypes.TEXT);
        assertThat(PgTypes.oid("INTEGER ARRAY", 0, true)).isEqualTo(PgTypes.TEXT_ARRAY);
    }
}
