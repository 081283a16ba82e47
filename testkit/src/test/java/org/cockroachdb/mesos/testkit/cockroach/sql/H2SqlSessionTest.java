package org.cockroachdb.mesos.testkit.cockroach.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2SqlSessionTest {
    @TempDir
    Path dir;
    FakeNodeContext node;
    H2SqlBackend backend;
    final List<H2SqlSession> sessions = new ArrayList<>();
    H2SqlSession s;

    @BeforeEach
    void openSession() throws SqlError {
        node = new FakeNodeContext(dir, Release.parse("v23.1.11"), 3);
        backend = new H2SqlBackend(node);
        s = open("defaultdb");
    }

    @AfterEach
    void closeSessions() {
        sessions.forEach(H2SqlSession::close);
        backend.close();
    }

    H2SqlSession open(String database) throws SqlError {
        H2SqlSession session = backend.open("root", database, Map.of());
        sessions.add(session);
        return session;
    }

    static SqlResult run(H2SqlSession session, String sql, String... parameters) throws SqlError {
        return session.execute(sql, Arrays.asList(parameters));
    }

    SqlResult run(String sql, String... parameters) throws SqlError {
        return run(s, sql, parameters);
    }

    SqlError error(String sql, String... parameters) {
        return error(s, sql, parameters);
    }

    static SqlError error(H2SqlSession session, String sql, String... parameters) {
        try {
            session.execute(sql, Arrays.asList(parameters));
        } catch (SqlError e) {
            return e;
        }
        throw new AssertionError("expected an error from " + sql);
    }

    static List<Integer> oids(SqlResult r) {
        return r.columns().stream().map(SqlResult.Column::typeOid).toList();
    }

    static List<String> names(SqlResult r) {
        return r.columns().stream().map(SqlResult.Column::name).toList();
    }

    // ---------------------------------------------------------------- types and values

    @Test
    void everyCockroachTypeReportsItsPostgresOid() throws SqlError {
        run("CREATE TABLE t (a INT2, b INT4, c INT, d INT8, e FLOAT4, f FLOAT, g DECIMAL(10,2), h BOOL, i STRING, "
                + "j VARCHAR(5), k BYTES, l DATE, m TIMESTAMP, n TIMESTAMPTZ, o UUID, p JSONB, q TEXT, r BYTEA, s SERIAL)");
        SqlResult r = run("SELECT * FROM t");
        assertThat(oids(r)).containsExactly(21, 23, 20, 20, 700, 701, 1700, 16, 25, 1043, 17, 1082, 1114, 1184, 2950,
                3802, 25, 17, 20);
        assertThat(r.rows()).isEmpty();
        assertThat(r.commandTag()).isEqualTo("SELECT 0");
    }

    @Test
    void valuesComeInPostgresTextFormat() throws SqlError {
        run("CREATE TABLE t (id INT PRIMARY KEY, ok BOOL, no BOOL, raw BYTES, at TIMESTAMP, atz TIMESTAMPTZ, "
                + "f FLOAT8, big FLOAT8, tiny FLOAT8, d DECIMAL(10,2), j JSONB, day DATE, u UUID, missing STRING)");
        run("INSERT INTO t VALUES (1, true, false, '\\x00ff0a'::BYTES, '2024-01-02 03:04:05.5', "
                + "'2024-01-02 03:04:05.123456+02:00', 1.5, 1e20, 0.00001, 3.10, '{\"b\":[1,2],\"a\":{\"c\":null}}'::JSONB, "
                + "'2024-02-29', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', NULL)");
        SqlResult r = run("SELECT ok, no, raw, at, atz, f, big, tiny, d, j, day, u, missing FROM t");
        assertThat(r.rows()).containsExactly(Arrays.asList("t", "f", "\\x00ff0a", "2024-01-02 03:04:05.5",
                "2024-01-02 01:04:05.123456+00:00", "1.5", "1e+20", "1e-05", "3.10", "{\"b\": [1, 2], \"a\": {\"c\": null}}",
                "2024-02-29", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", null));
    }

    @Test
    void nullsSortFirstInAscendingOrderAsInCockroachDb() throws SqlError {
        run("CREATE TABLE t (v INT)");
        run("INSERT INTO t VALUES (2), (NULL), (1)");
        assertThat(run("SELECT v FROM t ORDER BY v").rows()).containsExactly(Arrays.asList((String) null), List.of("1"), List.of("2"));
    }

    @Test
    void serialColumnsAreInt8FilledByUniqueRowId() throws SqlError {
        run("CREATE TABLE t (id SERIAL PRIMARY KEY, v STRING)");
        run("INSERT INTO t (v) VALUES ('a'), ('b')");
        SqlResult r = run("SELECT id FROM t ORDER BY id");
        assertThat(oids(r)).containsExactly(PgTypes.INT8);
        long first = Long.parseLong(r.rows().get(0).get(0));
        long second = Long.parseLong(r.rows().get(1).get(0));
        assertThat(first).isGreaterThan(1L << 40);
        assertThat(second).isGreaterThan(first);
    }

    // ---------------------------------------------------------------- command tags

    @Test
    void commandTagsAreCockroachDbs() throws SqlError {
        assertThat(run("CREATE TABLE t (id INT PRIMARY KEY, v STRING)").commandTag()).isEqualTo("CREATE TABLE");
        assertThat(run("CREATE UNIQUE INDEX t_v ON t (v)").commandTag()).isEqualTo("CREATE INDEX");
        assertThat(run("INSERT INTO t VALUES (1, 'a'), (2, 'b')").commandTag()).isEqualTo("INSERT 0 2");
        assertThat(run("UPDATE t SET v = 'c' WHERE id = 1").commandTag()).isEqualTo("UPDATE 1");
        assertThat(run("SELECT * FROM t").commandTag()).isEqualTo("SELECT 2");
        assertThat(run("DELETE FROM t WHERE id > 0").commandTag()).isEqualTo("DELETE 2");
        assertThat(run("ALTER TABLE t ADD COLUMN w INT").commandTag()).isEqualTo("ALTER TABLE");
        assertThat(run("TRUNCATE t").commandTag()).isEqualTo("TRUNCATE");
        assertThat(run("BEGIN").commandTag()).isEqualTo("BEGIN");
        assertThat(run("COMMIT").commandTag()).isEqualTo("COMMIT");
        assertThat(run("SET application_name = 'scheduler'").commandTag()).isEqualTo("SET");
        assertThat(run("DROP TABLE t").commandTag()).isEqualTo("DROP TABLE");
        assertThat(run("SHOW DATABASES").commandTag()).isEqualTo("SHOW DATABASES 3");
        assertThat(run("SHOW CLUSTER SETTING version").commandTag()).isEqualTo("SHOW");
    }

    @Test
    void upsertInsertsThenUpdatesByPrimaryKey() throws SqlError {
        run("CREATE TABLE t (id INT PRIMARY KEY, v STRING, w INT DEFAULT 7)");
        assertThat(run("UPSERT INTO t (id, v) VALUES (1, 'a')").commandTag()).isEqualTo("INSERT 0 1");
        run("UPDATE t SET w = 8");
        assertThat(run("UPSERT INTO t (id, v) VALUES (1, 'b'), (2, 'c')").commandTag()).isEqualTo("INSERT 0 2");
        assertThat(run("SELECT id, v, w FROM t ORDER BY id").rows())
                .containsExactly(List.of("1", "b", "8"), List.of("2", "c", "7"));
    }

    @Test
    void returningAndOnConflictDoNothingWork() throws SqlError {
        run("CREATE TABLE t (id SERIAL PRIMARY KEY, v STRING UNIQUE)");
        SqlResult inserted = run("INSERT INTO t (v) VALUES ($1), ('b') RETURNING id, v", "a");
        assertThat(inserted.commandTag()).isEqualTo("INSERT 0 2");
        assertThat(names(inserted)).containsExactly("id", "v");
        assertThat(inserted.rows()).extracting(r -> r.get(1)).containsExactly("a", "b");
        assertThat(run("INSERT INTO t (v) VALUES ('a') ON CONFLICT (v) DO NOTHING").commandTag()).isEqualTo("INSERT 0 0");
        assertThat(run("DELETE FROM t WHERE v = 'a' RETURNING v").rows()).containsExactly(List.of("a"));
        assertThat(run("UPDATE t SET v = 'c' RETURNING NOTHING").commandTag()).isEqualTo("UPDATE 1");
    }

    @Test
    void createTableAcceptsCockroachDbsInlineIndexesAndFamilies() throws SqlError {
        run("CREATE TABLE a (id INT8 NOT NULL, v STRING NULL, CONSTRAINT \"primary\" PRIMARY KEY (id ASC), "
                + "INDEX a_v_idx (v ASC) STORING (id), UNIQUE INDEX a_uv (v DESC), FAMILY \"primary\" (id, v))");
        run("CREATE TABLE b (id INT8 NOT NULL, CONSTRAINT \"primary\" PRIMARY KEY (id ASC), FAMILY \"primary\" (id))");
        assertThat(run("SELECT index_name FROM information_schema.indexes WHERE table_name = 'a' AND index_type_name <> 'PRIMARY KEY' "
                + "ORDER BY index_name").rows()).containsExactly(List.of("a_uv"), List.of("a_v_idx"));
        assertThat(error("INSERT INTO a VALUES (1, 'x'), (2, 'x')").sqlState()).isEqualTo("23505");
    }

    // ---------------------------------------------------------------- parameters

    @Test
    void parametersBindFromTextAndLiteralsKeepTheirDollars() throws SqlError {
        run("CREATE TABLE t (id INT PRIMARY KEY, v STRING, ok BOOL, raw BYTES, doc JSONB, at TIMESTAMPTZ)");
        run("INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6)", "1", "it's $1", "t", "\\x0102", "{\"a\": 1}",
                "2024-01-02 03:04:05+00");
        run("INSERT INTO t (id, v) VALUES ($1, '$1 and $2')", "2");
        assertThat(run("SELECT v, ok, raw, doc, at FROM t WHERE id = $1", "1").rows())
                .containsExactly(List.of("it's $1", "t", "\\x0102", "{\"a\": 1}", "2024-01-02 03:04:05+00:00"));
        assertThat(run("SELECT v FROM t WHERE id = $1", "2").rows()).containsExactly(List.of("$1 and $2"));
        assertThat(run("SELECT $1::INT8 + 1, $2::BYTES", "41", "\\x41").rows()).containsExactly(List.of("42", "\\x41"));
        assertThat(run("SELECT v FROM t WHERE id = $1", (String) null).rows()).isEmpty();
    }

    @Test
    void aWrongNumberOfParametersIsAProtocolError() {
        assertThat(error("SELECT $1::INT8, $2::INT8", "1").sqlState()).isEqualTo("08P01");
    }

    @Test
    void escapeStringLiteralsAreDecoded() throws SqlError {
        assertThat(run("SELECT e'a\\nb\\\\c\\'d'").rows()).containsExactly(List.of("a\nb\\c'd"));
    }

    // ---------------------------------------------------------------- errors

    @Test
    void commonMistakesGetPostgresSqlStates() throws SqlError {
        run("CREATE TABLE t (id INT PRIMARY KEY, n INT NOT NULL DEFAULT 0)");
        run("INSERT INTO t (id) VALUES (1)");
        SqlError undefined = error("SELECT * FROM nope");
        assertThat(undefined.sqlState()).isEqualTo("42P01");
        assertThat(undefined.getMessage()).isEqualTo("relation \"nope\" does not exist");
        assertThat(error("CREATE TABLE t (x INT)").sqlState()).isEqualTo("42P07");
        SqlError duplicate = error("INSERT INTO t (id) VALUES (1)");
        assertThat(duplicate.sqlState()).isEqualTo("23505");
        assertThat(duplicate.getMessage()).isEqualTo("duplicate key value violates unique constraint \"t_pkey\"");
        assertThat(error("SELEC 1").sqlState()).isEqualTo("42601");
        assertThat(error("SELECT 'abc'::INT8").sqlState()).isEqualTo("22P02");
        assertThat(error("SELECT nope FROM t").sqlState()).isEqualTo("42703");
        assertThat(error("INSERT INTO t VALUES (2, NULL)").sqlState()).isEqualTo("23502");
        assertThat(error("SELECT 1 / 0").sqlState()).isEqualTo("22012");
        assertThat(error("SHOW CLUSTER SETTING").sqlState()).isEqualTo("42601");
        assertThat(error("SHOW no_such_variable").sqlState()).isEqualTo("42704");
    }

    // ---------------------------------------------------------------- transactions

    @Test
    void rollbackDiscardsAndCommitKeepsAnExplicitTransaction() throws SqlError {
        run("CREATE TABLE t (id INT PRIMARY KEY)");
        run("BEGIN");
        assertThat(s.inTransaction()).isTrue();
        run("INSERT INTO t VALUES (1)");
        assertThat(run("ROLLBACK").commandTag()).isEqualTo("ROLLBACK");
        assertThat(s.inTransaction()).isFalse();
        run("BEGIN TRANSACTION");
        run("INSERT INTO t VALUES (2)");
        H2SqlSession other = open("defaultdb");
        assertThat(run(other, "SELECT id FROM t").rows()).isEmpty();
        run("COMMIT");
        assertThat(run(other, "SELECT id FROM t").rows()).containsExactly(List.of("2"));
    }

    @Test
    void aFailedStatementAbortsTheTransactionUntilItEnds() throws SqlError {
        run("CREATE TABLE t (id INT PRIMARY KEY)");
        run("BEGIN");
        run("INSERT INTO t VALUES (1)");
        assertThat(error("INSERT INTO t VALUES (1)").sqlState()).isEqualTo("23505");
        assertThat(s.transactionFailed()).isTrue();
        SqlError ignored = error("SELECT 1");
        assertThat(ignored.sqlState()).isEqualTo("25P02");
        assertThat(ignored.getMessage())
                .isEqualTo("current transaction is aborted, commands ignored until end of transaction block");
        assertThat(run("COMMIT").commandTag()).isEqualTo("ROLLBACK");
        assertThat(s.inTransaction()).isFalse();
        assertThat(s.transactionFailed()).isFalse();
        assertThat(run("SELECT id FROM t").rows()).isEmpty();
    }

    @Test
    void rollbackToASavepointRecoversAFailedTransaction() throws SqlError {
        run("CREATE TABLE t (id INT PRIMARY KEY)");
        run("BEGIN");
        run("SAVEPOINT cockroach_restart");
        run("INSERT INTO t VALUES (1)");
        error("INSERT INTO t VALUES (1)");
        run("ROLLBACK TO SAVEPOINT cockroach_restart");
        assertThat(s.transactionFailed()).isFalse();
        run("INSERT INTO t VALUES (2)");
        run("COMMIT");
        assertThat(run("SELECT id FROM t").rows()).containsExactly(List.of("2"));
    }

    @Test
    void beginInsideATransactionIsRefused() throws SqlError {
        run("BEGIN");
        assertThat(error("BEGIN").sqlState()).isEqualTo("25001");
    }

    @Test
    void commitWithoutATransactionIsHarmless() throws SqlError {
        assertThat(run("COMMIT").commandTag()).isEqualTo("COMMIT");
        assertThat(s.inTransaction()).isFalse();
    }

    // ---------------------------------------------------------------- availability

    @Test
    void anUnavailableNodeRefusesSessionsAndStatements() throws SqlError {
        node.makeUnavailable(new SqlError("57P01", "server is not accepting clients, try another node", true));
        assertThatThrownBy(() -> backend.open("root", "defaultdb", Map.of()))
                .isInstanceOfSatisfying(SqlError.class, e -> assertThat(e.sqlState()).isEqualTo("57P01"));
        SqlError refused = error("SELECT 1");
        assertThat(refused.sqlState()).isEqualTo("57P01");
        assertThat(refused.fatal()).isTrue();
        node.makeAvailable();
        assertThat(run("SELECT 1").rows()).containsExactly(List.of("1"));
    }

    // ---------------------------------------------------------------- CockroachDB statements

    @Test
    void nodeIdAndVersionComeFromTheNode() throws SqlError {
        SqlResult id = run("  select   CRDB_INTERNAL.NODE_ID ( ) ;  ");
        assertThat(names(id)).containsExactly("crdb_internal.node_id");
        assertThat(oids(id)).containsExactly(PgTypes.INT8);
        assertThat(id.rows()).containsExactly(List.of("3"));
        assertThat(run("SELECT version();").rows().get(0).get(0))
                .matches("CockroachDB CCL v23\\.1\\.11 \\(x86_64-pc-linux-gnu, built .*, go1\\.19\\.10\\)");
    }

    @Test
    void clusterSettingsReadAndWriteTheNodesSharedSettings() throws SqlError {
        assertThat(run("SHOW CLUSTER SETTING version").rows()).containsExactly(List.of("23.1"));
        assertThat(run("SHOW CLUSTER SETTING cluster.preserve_downgrade_option").rows()).containsExactly(List.of(""));
        assertThat(run("SET CLUSTER SETTING cluster.preserve_downgrade_option = '23.1'").commandTag())
                .isEqualTo("SET CLUSTER SETTING");
        assertThat(node.setting("cluster.preserve_downgrade_option")).isEqualTo("23.1");
        assertThat(names(run("show cluster setting cluster.preserve_downgrade_option")))
                .containsExactly("cluster.preserve_downgrade_option");
        run("RESET CLUSTER SETTING cluster.preserve_downgrade_option");
        assertThat(node.setting("cluster.preserve_downgrade_option")).isNull();
        run("SET CLUSTER SETTING server.time_until_store_dead TO '15m0s'");
        assertThat(run("SHOW CLUSTER SETTING server.time_until_store_dead").rows()).containsExactly(List.of("15m0s"));
        run("SET CLUSTER SETTING version = '23.1'");
        assertThat(node.setting("version")).isEqualTo("23.1");
    }

    @Test
    void theDowngradeOptionCanOnlyNameTheCurrentVersion() {
        SqlError e = error("SET CLUSTER SETTING cluster.preserve_downgrade_option = '22.2'");
        assertThat(e.sqlState()).isEqualTo("22023");
        assertThat(node.setting("cluster.preserve_downgrade_option")).isNull();
    }

    @Test
    void databasesAreCreatedListedUsedAndDropped() throws SqlError {
        assertThat(run("CREATE DATABASE bank").commandTag()).isEqualTo("CREATE DATABASE");
        SqlError exists = error("CREATE DATABASE bank");
        assertThat(exists.sqlState()).isEqualTo("42P04");
        assertThat(exists.getMessage()).isEqualTo("database \"bank\" already exists");
        run("CREATE DATABASE IF NOT EXISTS bank");
        SqlResult dbs = run("SHOW DATABASES");
        assertThat(names(dbs)).containsExactly("database_name", "owner", "primary_region", "secondary_region", "regions",
                "survival_goal");
        assertThat(dbs.rows()).extracting(r -> r.get(0)).containsExactly("bank", "defaultdb", "postgres", "system");
        assertThat(run("USE bank").commandTag()).isEqualTo("SET");
        run("CREATE TABLE accounts (id INT PRIMARY KEY)");
        assertThat(run("SHOW TABLES").rows()).extracting(r -> r.get(1)).containsExactly("accounts");
        assertThat(run("SHOW database").rows()).containsExactly(List.of("bank"));
        run("SET database = defaultdb");
        assertThat(run("SHOW TABLES").rows()).isEmpty();
        assertThat(run("SHOW TABLES FROM bank").rows()).hasSize(1);
        assertThat(run("DROP DATABASE bank CASCADE").commandTag()).isEqualTo("DROP DATABASE");
        assertThat(error("USE bank").sqlState()).isEqualTo("3D000");
        assertThat(error("DROP DATABASE bank").sqlState()).isEqualTo("3D000");
        run("DROP DATABASE IF EXISTS bank");
        run("CREATE DATABASE bank");
        run("USE bank");
        assertThat(run("SHOW TABLES").rows()).as("a re-created database starts empty").isEmpty();
    }

    @Test
    void aSessionOnAMissingDatabaseFailsWith3D000UntilItIsCreated() throws SqlError {
        H2SqlSession session = open("later");
        SqlError missing = error(session, "SELECT 1");
        assertThat(missing.sqlState()).isEqualTo("3D000");
        assertThat(missing.getMessage()).isEqualTo("database \"later\" does not exist");
        run(session, "CREATE DATABASE IF NOT EXISTS later");
        assertThat(run(session, "SELECT 1").rows()).containsExactly(List.of("1"));
    }

    @Test
    void restrictRefusesToDropANonEmptyDatabase() throws SqlError {
        run("CREATE DATABASE shop");
        H2SqlSession shop = open("shop");
        run(shop, "CREATE TABLE t (id INT PRIMARY KEY)");
        assertThat(error("DROP DATABASE shop RESTRICT").sqlState()).isEqualTo("2BP01");
        assertThat(error("DROP DATABASE system").sqlState()).isEqualTo("42501");
    }

    @Test
    void olderReleasesShowFewerColumns() throws SqlError {
        try (H2SqlBackend old = new H2SqlBackend(new FakeNodeContext(dir, Release.parse("v2.1.4"), 1));
             H2SqlSession session = old.open("root", "defaultdb", Map.of())) {
            assertThat(names(run(session, "SHOW DATABASES"))).containsExactly("database_name");
            assertThat(names(run(session, "SHOW TABLES"))).containsExactly("table_name");
            assertThat(run(session, "SHOW CLUSTER SETTING version").rows()).containsExactly(List.of("2.1"));
        }
        try (H2SqlBackend v20 = new H2SqlBackend(new FakeNodeContext(dir, Release.parse("v20.2.7"), 1));
             H2SqlSession session = v20.open("root", "defaultdb", Map.of())) {
            assertThat(names(run(session, "SHOW DATABASES"))).containsExactly("database_name", "owner");
            assertThat(names(run(session, "SHOW TABLES")))
                    .containsExactly("schema_name", "table_name", "type", "owner", "estimated_row_count");
        }
    }

    @Test
    void sessionVariablesAreKeptPerSession() throws SqlError {
        H2SqlSession app = backend.open("root", "defaultdb", Map.of("application_name", "scheduler"));
        sessions.add(app);
        assertThat(run(app, "SHOW application_name").rows()).containsExactly(List.of("scheduler"));
        run(app, "SET application_name TO 'cli'");
        assertThat(run(app, "SHOW application_name").rows()).containsExactly(List.of("cli"));
        assertThat(run("SHOW application_name").rows()).containsExactly(List.of(""));
        assertThat(run("SHOW TRANSACTION ISOLATION LEVEL").rows()).containsExactly(List.of("serializable"));
    }

    @Test
    void showCreateTablePrintsCockroachDbDdl() throws SqlError {
        run("CREATE TABLE t (id INT PRIMARY KEY, v STRING NOT NULL, INDEX t_v_idx (v))");
        SqlResult r = run("SHOW CREATE TABLE t");
        assertThat(names(r)).containsExactly("table_name", "create_statement");
        assertThat(r.rows().get(0).get(1)).isEqualTo("CREATE TABLE t (\n\tid INT8 NOT NULL,\n\tv STRING NOT NULL,\n"
                + "\tCONSTRAINT t_pkey PRIMARY KEY (id ASC),\n\tINDEX t_v_idx (v ASC)\n);");
    }

    @Test
    void describeReportsColumnsWithoutRunningTheStatement() throws SqlError {
        run("CREATE TABLE t (id INT PRIMARY KEY, v STRING)");
        assertThat(s.describe("SELECT v, id FROM t WHERE id = $1", List.of(0)).orElseThrow())
                .containsExactly(new SqlResult.Column("v", PgTypes.TEXT), new SqlResult.Column("id", PgTypes.INT8));
        assertThat(s.describe("INSERT INTO t VALUES ($1, $2)", List.of(0, 0)).orElseThrow()).isEmpty();
        assertThat(s.describe("SELECT crdb_internal.node_id()", List.of()).orElseThrow())
                .containsExactly(new SqlResult.Column("crdb_internal.node_id", PgTypes.INT8));
        assertThat(run("SELECT count(*) FROM t").rows()).containsExactly(List.of("0"));
    }

    @Test
    void twoSessionsShareOneDatabase() throws SqlError {
        run("CREATE TABLE t (id INT PRIMARY KEY)");
        H2SqlSession other = open("defaultdb");
        run(other, "INSERT INTO t VALUES (1)");
        assertThat(run("SELECT id FROM t").rows()).containsExactly(List.of("1"));
    }

    @Test
    void severalStatementsInOneCallAreRefusedRatherThanHalfRun() throws SqlError {
        run("CREATE TABLE t (id INT PRIMARY KEY)");
        assertThat(error("INSERT INTO t VALUES (1); INSERT INTO t VALUES (2)").sqlState()).isEqualTo("42601");
        assertThat(run("SELECT count(*) FROM t").rows()).containsExactly(List.of("0"));
        assertThat(run("INSERT INTO t VALUES (1); -- one statement and a comment").commandTag()).isEqualTo("INSERT 0 1");
    }

    @Test
    void anEmptyStatementHasAnEmptyTag() throws SqlError {
        assertThat(run("  -- nothing\n ;").commandTag()).isEmpty();
    }
}
