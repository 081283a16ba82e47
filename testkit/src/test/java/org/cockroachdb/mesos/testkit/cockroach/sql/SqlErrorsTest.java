package org.cockroachdb.mesos.testkit.cockroach.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void h2ErrorsBecomeCockroachDbsSqlStatesAndMessages() {
        assertThat(SqlErrors.fromH2(ErrorCode.TABLE_OR_VIEW_NOT_FOUND_1, "Table \"t\" not found"))
                .satisfies(e -> {
                    assertThat(e.sqlState()).isEqualTo("42P01");
                    assertThat(e.getMessage()).isEqualTo("relation \"t\" does not exist");
                });
        assertThat(SqlErrors.fromH2(ErrorCode.DUPLICATE_KEY_1,
                "Unique index or primary key violation: \"public.u_INDEX_7 ON public.t(v NULLS FIRST) VALUES ( /* 1 */ 'x' )\""))
                .extracting(SqlError::getMessage).isEqualTo("duplicate key value violates unique constraint \"u\"");
        assertThat(SqlErrors.fromH2(ErrorCode.LOCK_TIMEOUT_1, "Timeout trying to lock table").sqlState()).isEqualTo("40001");
        assertThat(SqlErrors.fromH2(ErrorCode.CONNECTION_BROKEN_1, "Connection is broken").sqlState()).isEqualTo("40001");
        assertThat(SqlErrors.fromH2(ErrorCode.GENERAL_ERROR_1, "General error: boom"))
                .satisfies(e -> {
                    assertThat(e.sqlState()).isEqualTo("XX000");
                    assertThat(e.getMessage()).isEqualTo("General error: boom");
                });
    }
}
