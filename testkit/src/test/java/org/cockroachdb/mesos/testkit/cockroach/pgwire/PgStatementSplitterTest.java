package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Splitting simple-query strings and reading statement shapes, with SQL's quoting and comments in the way. */
class PgStatementSplitterTest {

    @Test
    void splitsOnTopLevelSemicolonsAndTrimsEachStatement() {
        assertThat(StatementSplitter.split(" SELECT 1 ;\n INSERT INTO t VALUES (2);SELECT 3"))
                .containsExactly("SELECT 1", "INSERT INTO t VALUES (2)", "SELECT 3");
    }

    @Test
    void semicolonsInsideQuotesAndCommentsDoNotSplit() {
        String sql = "SELECT 'a;b', \"odd;name\", E'it\\'s;', $$x;y$$, $tag$ $$; $tag$ -- c;d\n FROM t /* e; /* f; */ g; */";
        assertThat(StatementSplitter.split(sql + "; SELECT 2")).containsExactly(sql.strip(), "SELECT 2");
    }

    @Test
    void doubledQuotesStayInsideTheirString() {
        assertThat(StatementSplitter.split("SELECT 'it''s; fine'; SELECT 2")).containsExactly("SELECT 'it''s; fine'", "SELECT 2");
    }

    @Test
    void statementsOfOnlyBlanksAndCommentsAreDropped() {
        assertThat(StatementSplitter.split(" ; -- nothing\n; /* nor this */ ;")).isEmpty();
        assertThat(StatementSplitter.split("")).isEmpty();
    }

    @Test
    void leadingCommentsAreTrimmedSoTheStatementStartsWithItsKeyword() {
        assertThat(StatementSplitter.split("-- why\n/* how */ SELECT 1")).containsExactly("SELECT 1");
    }

    @Test
    void unterminatedQuoteRunsToTheEnd() {
        assertThat(StatementSplitter.split("SELECT 'open; SELECT 2")).containsExactly("SELECT 'open; SELECT 2");
    }

    @Test
    void dollarInsideAnIdentifierOrBeforeADigitIsNotAQuote() {
        assertThat(StatementSplitter.split("SELECT a$b$ FROM t WHERE x = $1; SELECT 2"))
                .containsExactly("SELECT a$b$ FROM t WHERE x = $1", "SELECT 2");
    }

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
