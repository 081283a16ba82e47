package org.cockroachdb.mesos.testkit.cockroach.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CockroachToH2Test {

    static String one(String sql) {
        List<String> statements = CockroachToH2.translate(sql).statements();
        assertThat(statements).hasSize(1);
        return statements.get(0);
    }

    @Test
    void parametersBecomeNumberedQuestionMarksOutsideLiteralsAndComments() {
        assertThat(one("SELECT $1, '$2', \"$3\", $$ $4 $$, e'\\'$5' -- $6\n, /* $7 */ $10"))
                .isEqualTo("SELECT ?1, '$2', \"$3\", $$ $4 $$, '''$5' -- $6\n, /* $7 */ ?10");
    }

    @Test
    void escapeStringsBecomeStandardLiterals() {
        assertThat(one("SELECT E'a\\nb\\tc\\\\d\\'e\\x41\\u00e9'")).isEqualTo("SELECT 'a\nb\tc\\d''eAé'");
    }

    @Test
    void cockroachTypeNamesBecomeH2sInColumnDefinitionsAndCasts() {
        assertThat(one("CREATE TABLE t (a INT, b STRING(10), c BYTES, d TIMESTAMPTZ, e JSONB, f FLOAT, g INT4, h TEXT, "
                + "i SERIAL PRIMARY KEY)"))
                .isEqualTo("CREATE TABLE t (a BIGINT, b CHARACTER VARYING(10), c BINARY VARYING, d TIMESTAMP WITH TIME ZONE, "
                        + "e JSON, f DOUBLE PRECISION, g INTEGER, h CHARACTER VARYING, i BIGINT DEFAULT unique_rowid() PRIMARY KEY)");
        assertThat(one("SELECT x::STRING, CAST(y AS INT8), z::TIMESTAMPTZ, TIMESTAMPTZ '2020-01-01 00:00:00+00'"))
                .isEqualTo("SELECT x::CHARACTER VARYING, CAST(y AS BIGINT), z::TIMESTAMP WITH TIME ZONE, "
                        + "TIMESTAMP WITH TIME ZONE '2020-01-01 00:00:00+00'");
        assertThat(one("ALTER TABLE t ADD COLUMN IF NOT EXISTS n STRING, ALTER COLUMN m SET DATA TYPE INT"))
                .isEqualTo("ALTER TABLE t ADD COLUMN IF NOT EXISTS n CHARACTER VARYING, ALTER COLUMN m SET DATA TYPE BIGINT");
    }

    @Test
    void namesThatLookLikeTypesAreLeftAlone() {
        assertThat(one("CREATE TABLE string (text STRING, int INT)"))
                .isEqualTo("CREATE TABLE string (text CHARACTER VARYING, int BIGINT)");
        assertThat(one("SELECT text, int FROM string")).isEqualTo("SELECT text, int FROM string");
    }

    @Test
    void jsonAndBytesCastsOfLiteralsKeepCockroachDbsMeaning() {
        assertThat(one("SELECT '{\"a\":1}'::JSONB, $1::JSONB, '\\x0aff'::BYTES"))
                .isEqualTo("SELECT ('{\"a\":1}' FORMAT JSON), (?1 FORMAT JSON), X'0aff'");
        CockroachToH2.Translation t = CockroachToH2.translate("SELECT $2::BYTES");
        assertThat(t.parameterHints()).isEqualTo(Map.of(2, CockroachToH2.ParameterHint.BYTES));
    }

    @Test
    void upsertBecomesMerge() {
        assertThat(one("UPSERT INTO t (a, b) VALUES ($1, 'x')")).isEqualTo("MERGE INTO t (a, b) VALUES (?1, 'x')");
    }

    @Test
    void returningBecomesAQueryOfTheChangedRows() {
        assertThat(one("INSERT INTO t (v) VALUES ($1) RETURNING id, v"))
                .isEqualTo("SELECT id, v FROM FINAL TABLE (INSERT INTO t (v) VALUES (?1))");
        assertThat(one("DELETE FROM t WHERE id IN (SELECT id FROM u) RETURNING id"))
                .isEqualTo("SELECT id FROM OLD TABLE (DELETE FROM t WHERE id IN (SELECT id FROM u))");
        assertThat(one("UPDATE t SET v = 'returning' RETURNING NOTHING")).isEqualTo("UPDATE t SET v = 'returning'");
    }

    @Test
    void onConflictDoNothingLosesItsTargetAndKeepsItsMeaning() {
        assertThat(one("INSERT INTO t VALUES (1) ON CONFLICT (id) DO NOTHING"))
                .isEqualTo("INSERT INTO t VALUES (1) ON CONFLICT DO NOTHING");
    }

    @Test
    void truncateGetsTheTableKeywordH2Needs() {
        assertThat(one("TRUNCATE accounts")).isEqualTo("TRUNCATE TABLE accounts");
        assertThat(one("TRUNCATE TABLE accounts")).isEqualTo("TRUNCATE TABLE accounts");
    }

    @Test
    void inlineIndexesMoveAfterTheTableAndFamiliesDisappear() {
        List<String> out = CockroachToH2.translate("CREATE TABLE IF NOT EXISTS public.t (id INT8 NOT NULL, v STRING NULL, "
                + "CONSTRAINT \"primary\" PRIMARY KEY (id ASC), INDEX t_v_idx (v ASC) STORING (id), UNIQUE INDEX (v DESC), "
                + "FAMILY \"primary\" (id, v))").statements();
        assertThat(out).containsExactly(
                "CREATE TABLE IF NOT EXISTS public.t (id BIGINT NOT NULL, v CHARACTER VARYING NULL, "
                        + "CONSTRAINT t_pkey PRIMARY KEY (id ASC))",
                "CREATE INDEX t_v_idx ON public.t (v ASC)",
                "CREATE UNIQUE INDEX ON public.t (v DESC)");
    }

    @Test
    void createTableAsSelectIsLeftAsItIs() {
        assertThat(one("CREATE TABLE t AS SELECT 1 AS x")).isEqualTo("CREATE TABLE t AS SELECT 1 AS x");
    }
}
