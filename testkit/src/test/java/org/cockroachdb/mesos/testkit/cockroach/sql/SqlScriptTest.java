package org.cockroachdb.mesos.testkit.cockroach.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlScriptTest {

    @Test
    void splitsAtSemicolonsOutsideLiteralsNamesAndCommentsDroppingLeadingComments() {
        assertThat(SqlScript.statements("""
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
    void aScriptOfCommentsHasNoStatements() {
        assertThat(SqlScript.statements("-- nothing\n/* at */ ; \n")).isEmpty();
    }

    @Test
    void newlinesInsideStringsStayInTheirStatement() {
        assertThat(SqlScript.statements("INSERT INTO t VALUES ('line 1;\nline 2');SELECT 1"))
                .containsExactly("INSERT INTO t VALUES ('line 1;\nline 2')", "SELECT 1");
    }
}
