package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading statement shapes, with SQL's quoting and comments in the way. Splitting is in {@code SqlStatementsTest}. */
class PgStatementShapeTest {

    @Test
    void parameterCountIsTheHighestPlaceholderOutsideLiterals() {
        assertThat(StatementShape.of("SELECT $2, '$5', \"$7\", $$ $9 $$ -- $8\n, $1").parameterCount()).isEqualTo(2);
        assertThat(StatementShape.of("SELECT 1").parameterCount()).isZero();
    }

    @Test
    void statementsThatMayReturnRowsAreToldFromTheirFirstKeywordOrReturning() {
        assertThat(StatementShape.of("/* hi */ select 1").mayReturnRows()).isTrue();
        assertThat(StatementShape.of("WITH x AS (SELECT 1) SELECT * FROM x").mayReturnRows()).isTrue();
        assertThat(StatementShape.of("INSERT INTO t VALUES (1) RETURNING id").mayReturnRows()).isTrue();
        assertThat(StatementShape.of("INSERT INTO t VALUES ('returning')").mayReturnRows()).isFalse();
        assertThat(StatementShape.of("CREATE TABLE t (id INT)").mayReturnRows()).isFalse();
    }
}
