package org.cockroachdb.mesos.testkit.cockroach.sqltext;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Splitting scripts and simple-query strings into statements, with SQL's quoting and comments in the way. */
class SqlStatementsTest {

    @Test
    void splitsOnTopLevelSemicolonsAndTrimsEachStatement() {
        assertThat(SqlStatements.split(" SELECT 1 ;\n INSERT INTO t VALUES (2);SELECT 3"))
                .containsExactly("SELECT 1", "INSERT INTO t VALUES (2)", "SELECT 3");
    }

    @Test
    void semicolonsInsideQuotesAndCommentsDoNotSplit() {
        String sql = "SELECT 'a;b', \"odd;name\", E'it\\'s;', $$x;y$$, $tag$ $$; $tag$ -- c;d\n FROM t /* e; /* f; */ g; */";
        assertThat(SqlStatements.split(sql + "; SELECT 2")).containsExactly(sql.strip(), "SELECT 2");
    }

    @Test
    void splitsAtSemicolonsOutsideLiteralsNamesAndCommentsDroppingLeadingComments() {
        assertThat(SqlStatements.split("""
                -- a dump
                CREATE TABLE "a;b" (v STRING);
                INSERT INTO "a;b" VALUES ('x;y'), (e'\\';'), ($$;$$); /* ; */
                SELECT 1 -- ;
                ;
                ;;
                SELECT 2"""))
                .containsExactly("CREATE TABLE \"a;b\" (v STRING)",
                        "INSERT INTO \"a;b\" VALUES ('x;y'), (e'\\';'), ($$;$$)",
                        "SELECT 1 -- ;",
                        "SELECT 2");
    }

    @Test
    void doubledQuotesStayInsideTheirString() {
        assertThat(SqlStatements.split("SELECT 'it''s; fine'; SELECT 2")).containsExactly("SELECT 'it''s; fine'", "SELECT 2");
    }

    @Test
    void newlinesInsideStringsStayInTheirStatement() {
        assertThat(SqlStatements.split("INSERT INTO t VALUES ('line 1;\nline 2');SELECT 1"))
                .containsExactly("INSERT INTO t VALUES ('line 1;\nline 2')", "SELECT 1");
    }

    @Test
    void statementsOfOnlyBlanksAndCommentsAreDropped() {
        assertThat(SqlStatements.split(" ; -- nothing\n; /* nor this */ ;")).isEmpty();
        assertThat(SqlStatements.split("-- nothing\n/* at */ ; \n")).isEmpty();
        assertThat(SqlStatements.split("")).isEmpty();
    }

    @Test
    void leadingCommentsAreTrimmedSoTheStatementStartsWithItsKeyword() {
        assertThat(SqlStatements.split("-- why\n/* how */ SELECT 1")).containsExactly("SELECT 1");
    }

    @Test
    void unterminatedQuoteRunsToTheEnd() {
        assertThat(SqlStatements.split("SELECT 'open; SELECT 2")).containsExactly("SELECT 'open; SELECT 2");
    }

    @Test
    void dollarInsideAnIdentifierOrBeforeADigitIsNotAQuote() {
        assertThat(SqlStatements.split("SELECT a$b$ FROM t WHERE x = $1; SELECT 2"))
                .containsExactly("SELECT a$b$ FROM t WHERE x = $1", "SELECT 2");
    }
}
