package org.cockroachdb.mesos.testkit.cockroach.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlStatements;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpTest {
    @TempDir
    Path dir;
    H2SqlBackend backend;
    final List<H2SqlSession> sessions = new ArrayList<>();

    @BeforeEach
    void backend() {
        backend = new H2SqlBackend(new FakeNodeContext(dir));
    }

    @AfterEach
    void close() {
        sessions.forEach(H2SqlSession::close);
        backend.close();
    }

    H2SqlSession session(String database) throws SqlError {
        H2SqlSession s = backend.open("root", database, Map.of());
        sessions.add(s);
        return s;
    }

    String dump(String database) throws SqlError, IOException {
        StringWriter w = new StringWriter();
        Dump.write(session("defaultdb"), database, w);
        return w.toString();
    }

    /** What the CLI's restore path does: CREATE DATABASE, then every statement of the dump in it. */
    void load(String database, String dump) throws SqlError {
        session("defaultdb").execute("CREATE DATABASE " + database, List.of());
        H2SqlSession s = session(database);
        for (String statement : SqlStatements.split(dump)) {
            s.execute(statement, List.of());
        }
    }

    @Test
    void awkwardTablesAndValuesSurviveARoundTrip() throws Exception {
        H2SqlSession src = session("defaultdb");
        src.execute("CREATE DATABASE src", List.of());
        src.execute("USE src", List.of());
        src.execute("CREATE TABLE parent (id INT PRIMARY KEY, name STRING NOT NULL DEFAULT 'n/a', "
                + "code VARCHAR(8) UNIQUE, CONSTRAINT positive CHECK (id > 0))", List.of());
        src.execute("CREATE TABLE \"order\" (\"select\" SERIAL PRIMARY KEY, \"MixedCase\" STRING, parent_id INT "
                + "REFERENCES parent (id) ON DELETE CASCADE, day DATE, INDEX order_parent (parent_id DESC))", List.of());
        src.execute("CREATE TABLE everything (id INT PRIMARY KEY, s STRING, b BYTES, f8 FLOAT8, f4 FLOAT4, "
                + "d DECIMAL(30,10), n DECIMAL, ok BOOL, at TIMESTAMP, atz TIMESTAMPTZ, j JSONB, u UUID, i2 INT2, i4 INT4)",
                List.of());
        src.execute("INSERT INTO parent VALUES (1, 'it''s', 'A'), (2, DEFAULT, NULL)", List.of());
        src.execute("INSERT INTO \"order\" (\"MixedCase\", parent_id, day) VALUES ('x', 1, '2024-02-29'), (NULL, 2, NULL)",
                List.of());
        try (Connection c = backend.connect("src");
             PreparedStatement ps = c.prepareStatement("INSERT INTO everything VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            Object[][] rows = {
                {1, "quote ' backslash \\ newline \n tab \t dollar $1 semicolon ; unicode é € 😀", all, 0.1, 0.1f,
                        new java.math.BigDecimal("12345678901234567890.0123456789"), new java.math.BigDecimal("1e-20"),
                        true, java.time.LocalDateTime.of(2024, 1, 2, 3, 4, 5, 123_456_000),
                        java.time.OffsetDateTime.parse("2024-01-02T03:04:05.5+05:30"), "{\"a\": [1, \"two\", null], \"b\": {}}",
                        java.util.UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), (short) -32768, Integer.MAX_VALUE},
                {2, "", new byte[0], Double.NaN, Float.POSITIVE_INFINITY, java.math.BigDecimal.ZERO, null, false,
                        java.time.LocalDateTime.of(1970, 1, 1, 0, 0), java.time.OffsetDateTime.parse("1999-12-31T23:59:59Z"),
                        "\"just a string\"", null, null, null},
                {3, "-- not a comment /* nor this */", new byte[] {'\\', 'x'}, -0.0, Float.MIN_VALUE, null, null, null, null,
                        null, "[]", null, null, null},
                {4, null, null, 1.0E300, -1.5E-7f, null, null, null, null, null, null, null, null, null},
                {5, "e'not an escape'", null, Double.NEGATIVE_INFINITY, 3.4028235E38f, null, null, null, null, null, "1.5",
                        null, null, null},
            };
            for (Object[] row : rows) {
                for (int i = 0; i < row.length; i++) {
                    if (i == 10 && row[i] != null) {
                        ps.setBytes(i + 1, ((String) row[i]).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    } else {
                        ps.setObject(i + 1, row[i]);
                    }
                }
                ps.executeUpdate();
            }
        }

        String dump = dump("src");
        load("dst", dump);

        assertThat(dump("dst")).isEqualTo(dump);
        assertThat(rows("dst", "SELECT * FROM everything ORDER BY id")).isEqualTo(rows("src", "SELECT * FROM everything ORDER BY id"));
        assertThat(rows("dst", "SELECT * FROM \"order\" ORDER BY \"select\"")).isEqualTo(rows("src", "SELECT * FROM \"order\" ORDER BY \"select\""));
        assertThat(columns("dst")).isEqualTo(columns("src"));
        try (Connection c = backend.connect("dst"); PreparedStatement ps = c.prepareStatement("SELECT b, f8, atz FROM everything WHERE id = 1")) {
            var rs = ps.executeQuery();
            rs.next();
            assertThat(rs.getBytes(1)).hasSize(256);
            assertThat(rs.getDouble(2)).isEqualTo(0.1);
            assertThat(rs.getObject(3, java.time.OffsetDateTime.class)).isEqualTo(java.time.OffsetDateTime.parse("2024-01-02T03:04:05.5+05:30"));
        }
        H2SqlSession dst = session("dst");
        assertThat(H2SqlSessionTest.error(dst, "INSERT INTO parent VALUES (3, 'x', 'A')").sqlState()).as("unique survives").isEqualTo("23505");
        assertThat(H2SqlSessionTest.error(dst, "INSERT INTO parent VALUES (-1, 'x', 'Z')").sqlState()).as("check survives").isEqualTo("23514");
        assertThat(H2SqlSessionTest.error(dst, "INSERT INTO \"order\" (parent_id) VALUES (9)").sqlState()).as("fk survives").isEqualTo("23503");
        dst.execute("DELETE FROM parent WHERE id = 1", List.of());
        assertThat(dst.execute("SELECT count(*) FROM \"order\"", List.of()).rows()).as("ON DELETE CASCADE survives")
                .containsExactly(List.of("1"));
        dst.execute("INSERT INTO \"order\" (parent_id) VALUES (2)", List.of());
        assertThat(dst.execute("SELECT name FROM parent WHERE id = 2", List.of()).rows()).containsExactly(List.of("n/a"));
    }

    @Test
    void theDumpLooksLikeCockroachDbs() throws Exception {
        H2SqlSession s = session("defaultdb");
        s.execute("CREATE TABLE accounts (id INT PRIMARY KEY, owner STRING NOT NULL, balance DECIMAL(12,2), INDEX by_owner (owner))",
                List.of());
        s.execute("INSERT INTO accounts VALUES (1, 'ann', 10.50), (2, 'bob', NULL)", List.of());
        assertThat(dump("defaultdb")).isEqualTo("""
                CREATE TABLE accounts (
                \tid INT8 NOT NULL,
                \towner STRING NOT NULL,
                \tbalance DECIMAL(12,2) NULL,
                \tCONSTRAINT accounts_pkey PRIMARY KEY (id ASC),
                \tINDEX by_owner (owner ASC)
                );

                INSERT INTO accounts (id, owner, balance) VALUES
                \t(1, 'ann', 10.50),
                \t(2, 'bob', NULL);

                """);
    }

    @Test
    void aComputedColumnIsCreatedAgainAndLeftOutOfTheInserts() throws Exception {
        H2SqlSession src = session("defaultdb");
        src.execute("CREATE DATABASE src", List.of());
        H2SqlSession s = session("src");
        s.execute("CREATE TABLE prices (id INT PRIMARY KEY, net INT, gross INT AS (net * 2) STORED)", List.of());
        s.execute("INSERT INTO prices (id, net) VALUES (1, 10)", List.of());

        String dump = dump("src");
        assertThat(dump).contains("gross INT8 AS (").contains(") STORED")
                .contains("INSERT INTO prices (id, net) VALUES");
        load("copy", dump);
        assertThat(rows("copy", "SELECT id, net, gross FROM prices")).containsExactly(List.of("1", "10", "20"));
    }

    @Test
    void insertsCarryAHundredRowsEach() throws Exception {
        H2SqlSession s = session("defaultdb");
        s.execute("CREATE TABLE t (id INT PRIMARY KEY)", List.of());
        s.execute("INSERT INTO t SELECT x FROM generate_series(1, 250) AS g(x)", List.of());
        StringWriter w = new StringWriter();
        Dump.Stats stats;
        try (Connection c = backend.connect("defaultdb")) {
            stats = Dump.write(c, Dump.Mode.DATA, w);
        }
        assertThat(w.toString()).doesNotContain("CREATE TABLE");
        assertThat(SqlStatements.split(w.toString())).hasSize(3);
        assertThat(stats.rows()).isEqualTo(250);
        assertThat(stats.tables()).containsExactly("t");
        assertThat(stats.bytes()).isEqualTo(w.toString().length());
    }

    @Test
    void schemaModeLeavesTheRowsOut() throws Exception {
        H2SqlSession s = session("defaultdb");
        s.execute("CREATE TABLE t (id INT PRIMARY KEY)", List.of());
        s.execute("INSERT INTO t VALUES (1)", List.of());
        StringWriter w = new StringWriter();
        try (Connection c = backend.connect("defaultdb")) {
            assertThat(Dump.write(c, Dump.Mode.SCHEMA, w).rows()).isZero();
        }
        assertThat(w.toString()).startsWith("CREATE TABLE t (").doesNotContain("INSERT");
    }

    private List<List<String>> rows(String database, String sql) throws SqlError {
        return session(database).execute(sql, List.of()).rows();
    }

    private List<List<String>> columns(String database) throws SqlError {
        return rows(database, "SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, "
                + "numeric_scale, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' "
                + "ORDER BY table_name, ordinal_position");
    }
}
