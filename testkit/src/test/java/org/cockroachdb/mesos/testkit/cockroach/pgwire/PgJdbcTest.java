package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.time.LocalDate;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.PGConnection;
import org.postgresql.PGResultSetMetaData;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;
import org.postgresql.util.PSQLException;

/**
 * pgjdbc, with its default extended protocol and with {@code preferQueryMode=simple}, against the
 * wire server over a real socket, with H2 doing the SQL.
 */
class PgJdbcTest {
    private H2Backend backend;
    private PgWireServer server;
    private InetSocketAddress address;

    @BeforeEach
    void start() throws Exception {
        backend = new H2Backend();
        server = new PgWireServer(backend);
        address = server.start(new InetSocketAddress("127.0.0.1", 0));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        backend.close();
    }

    private Connection connect(String mode) throws SQLException {
        return connect(mode, "defaultdb");
    }

    private Connection connect(String mode, String database) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "root");
        props.setProperty("ApplicationName", "pgwire-test");
        if (mode.equals("simple")) {
            props.setProperty("preferQueryMode", "simple");
        }
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + address.getPort() + "/" + database, props);
    }

    private static TransactionState state(Connection c) throws SQLException {
        return c.unwrap(BaseConnection.class).getTransactionState();
    }

    @Test
    void startupReportsPostgres13ParametersAndEchoesTheApplicationName() throws Exception {
        try (Connection c = connect("extended")) {
            var status = c.unwrap(PGConnection.class).getParameterStatuses();
            assertThat(status).containsEntry("server_version", "13.0.0")
                    .containsEntry("client_encoding", "UTF8")
                    .containsEntry("DateStyle", "ISO, MDY")
                    .containsEntry("integer_datetimes", "on")
                    .containsEntry("standard_conforming_strings", "on")
                    .containsEntry("TimeZone", "UTC")
                    .containsEntry("application_name", "pgwire-test");
            assertThat(c.getMetaData().getDatabaseProductVersion()).isEqualTo("13.0.0");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"extended", "simple"})
    void valuesOfSeveralTypesBoundAsParametersComeBackAsWritten(String mode) throws Exception {
        try (Connection c = connect(mode); Statement s = c.createStatement()) {
            assertThat(s.executeUpdate("CREATE TABLE kinds (id INT PRIMARY KEY, big BIGINT, name TEXT, ok BOOLEAN, ratio DOUBLE PRECISION)"))
                    .isZero();
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO kinds VALUES (?, ?, ?, ?, ?)")) {
                insert.setInt(1, 1);
                insert.setLong(2, 9_000_000_000L);
                insert.setString(3, "it's \"quoted\"; -- not a comment");
                insert.setBoolean(4, true);
                insert.setDouble(5, 2.5);
                assertThat(insert.executeUpdate()).isEqualTo(1);
                insert.setInt(1, 2);
                insert.setNull(2, Types.BIGINT);
                insert.setNull(3, Types.VARCHAR);
                insert.setNull(4, Types.BOOLEAN);
                insert.setNull(5, Types.DOUBLE);
                assertThat(insert.executeUpdate()).isEqualTo(1);
            }
            try (PreparedStatement select = c.prepareStatement("SELECT id, big, name, ok, ratio FROM kinds WHERE id = ?")) {
                select.setInt(1, 1);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getInt("id")).isEqualTo(1);
                    assertThat(rs.getLong("big")).isEqualTo(9_000_000_000L);
                    assertThat(rs.getString("name")).isEqualTo("it's \"quoted\"; -- not a comment");
                    assertThat(rs.getBoolean("ok")).isTrue();
                    assertThat(rs.getDouble("ratio")).isEqualTo(2.5);
                    assertThat(rs.next()).isFalse();
                }
                select.setInt(1, 2);
                try (ResultSet rs = select.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getObject("big")).isNull();
                    assertThat(rs.getString("name")).isNull();
                    assertThat(rs.getObject("ok")).isNull();
                    assertThat(rs.getObject("ratio")).isNull();
                }
            }
            assertThat(s.executeUpdate("UPDATE kinds SET ratio = 1.0")).isEqualTo(2);
            assertThat(s.executeUpdate("DELETE FROM kinds WHERE id = 2")).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"extended", "simple"})
    void batchInsertReportsOneUpdateCountPerRow(String mode) throws Exception {
        try (Connection c = connect(mode); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE batch (id INT PRIMARY KEY, label TEXT)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO batch VALUES (?, ?)")) {
                for (int i = 0; i < 20; i++) {
                    insert.setInt(1, i);
                    insert.setString(2, "row " + i);
                    insert.addBatch();
                }
                int[] counts = insert.executeBatch();
                assertThat(counts).hasSize(20).containsOnly(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*), max(label) FROM batch")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(20);
                assertThat(rs.getString(2)).isEqualTo("row 9");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"extended", "simple"})
    void committedWorkIsVisibleAndRolledBackWorkIsNotWithReadyForQueryFollowingTheTransaction(String mode) throws Exception {
        try (Connection c = connect(mode); Connection other = connect(mode); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ledger (id INT PRIMARY KEY)");
            assertThat(state(c)).isEqualTo(TransactionState.IDLE);

            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO ledger VALUES (1)");
            assertThat(state(c)).isEqualTo(TransactionState.OPEN);
            c.commit();
            assertThat(state(c)).isEqualTo(TransactionState.IDLE);

            s.executeUpdate("INSERT INTO ledger VALUES (2)");
            assertThat(state(c)).isEqualTo(TransactionState.OPEN);
            c.rollback();
            assertThat(state(c)).isEqualTo(TransactionState.IDLE);

            try (ResultSet rs = other.createStatement().executeQuery("SELECT id FROM ledger ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"extended", "simple"})
    void errorInsideTransactionFailsItUntilRollback(String mode) throws Exception {
        try (Connection c = connect(mode); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE strict (id INT PRIMARY KEY)");
            c.setAutoCommit(false);
            s.executeUpdate("INSERT INTO strict VALUES (1)");
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO strict VALUES (1)"))
                    .isInstanceOf(PSQLException.class)
                    .extracting(e -> ((PSQLException) e).getSQLState()).isEqualTo("23505");
            assertThat(state(c)).isEqualTo(TransactionState.FAILED);

            assertThatThrownBy(() -> s.executeQuery("SELECT 1"))
                    .isInstanceOf(PSQLException.class)
                    .extracting(e -> ((PSQLException) e).getSQLState()).isEqualTo("25P02");
            assertThat(state(c)).isEqualTo(TransactionState.FAILED);

            c.rollback();
            assertThat(state(c)).isEqualTo(TransactionState.IDLE);
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM strict")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"extended", "simple"})
    void syntaxErrorIsReportedWithItsSqlStateAndTheConnectionStaysUsable(String mode) throws Exception {
        try (Connection c = connect(mode); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.executeQuery("SELEKT 1"))
                    .isInstanceOf(PSQLException.class)
                    .satisfies(e -> assertThat(((PSQLException) e).getServerErrorMessage()).isNotNull())
                    .extracting(e -> ((PSQLException) e).getSQLState()).isEqualTo("42001");
            try (ResultSet rs = s.executeQuery("SELECT 41 + 1")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void multiStatementStringGivesEachStatementsResult() throws Exception {
        try (Connection c = connect("simple"); Statement s = c.createStatement()) {
            boolean rows = s.execute("CREATE TABLE multi (v INT); INSERT INTO multi VALUES (7), (8); SELECT v FROM multi ORDER BY v");
            assertThat(rows).isFalse();
            assertThat(s.getUpdateCount()).isZero();
            assertThat(s.getMoreResults()).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(2);
            assertThat(s.getMoreResults()).isTrue();
            try (ResultSet rs = s.getResultSet()) {
                List<Integer> values = new ArrayList<>();
                while (rs.next()) {
                    values.add(rs.getInt(1));
                }
                assertThat(values).containsExactly(7, 8);
            }
        }
    }

    @Test
    void preparedStatementRunMoreThanFiveTimesSwitchesToBinaryAndStaysCorrect() throws Exception {
        try (Connection c = connect("extended"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE wide (id INT PRIMARY KEY, small SMALLINT, big BIGINT, ratio DOUBLE PRECISION, "
                    + "fraction REAL, amount NUMERIC(14,3), name VARCHAR(40), ok BOOLEAN, blob BYTEA, on_day DATE, "
                    + "moment TIMESTAMP, ident UUID)");
            UUID ident = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO wide VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= 10; i++) {
                    insert.setInt(1, i);
                    insert.setShort(2, (short) -i);
                    insert.setLong(3, 1L << (30 + i));
                    insert.setDouble(4, i / 4.0);
                    insert.setFloat(5, i / 2.0f);
                    insert.setBigDecimal(6, new BigDecimal("-1234.5").add(BigDecimal.valueOf(i)).setScale(3));
                    insert.setString(7, "name-" + i);
                    insert.setBoolean(8, i % 2 == 0);
                    insert.setBytes(9, new byte[] {0, (byte) i, (byte) 0xff});
                    // (setDate would send '2024-02-11 +00', which PostgreSQL takes and H2 does not.)
                    insert.setObject(10, LocalDate.of(2024, 2, 10 + i));
                    insert.setTimestamp(11, Timestamp.valueOf("2024-03-04 05:06:07.123456"));
                    insert.setObject(12, ident);
                    assertThat(insert.executeUpdate()).isEqualTo(1);
                }
            }
            try (PreparedStatement select = c.prepareStatement(
                    "SELECT id, small, big, ratio, fraction, amount, name, ok, blob, on_day, moment, ident FROM wide WHERE id = ?")) {
                for (int i = 1; i <= 10; i++) {
                    select.setInt(1, i);
                    try (ResultSet rs = select.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt(1)).isEqualTo(i);
                        assertThat(rs.getShort(2)).isEqualTo((short) -i);
                        assertThat(rs.getLong(3)).isEqualTo(1L << (30 + i));
                        assertThat(rs.getDouble(4)).isEqualTo(i / 4.0);
                        assertThat(rs.getFloat(5)).isEqualTo(i / 2.0f);
                        assertThat(rs.getBigDecimal(6)).isEqualTo(new BigDecimal("-1234.5").add(BigDecimal.valueOf(i)).setScale(3));
                        assertThat(rs.getString(7)).isEqualTo("name-" + i);
                        assertThat(rs.getBoolean(8)).isEqualTo(i % 2 == 0);
                        assertThat(rs.getBytes(9)).containsExactly(0, i, 0xff);
                        assertThat(rs.getDate(10)).isEqualTo(Date.valueOf("2024-02-" + (10 + i)));
                        assertThat(rs.getTimestamp(11)).isEqualTo(Timestamp.valueOf("2024-03-04 05:06:07.123456"));
                        assertThat(rs.getObject(12)).isEqualTo(ident);
                        if (i > 5) {
                            // pgjdbc's prepareThreshold is 5: from then on the statement is server-prepared
                            // and the columns it can read in binary are asked for in binary.
                            PGResultSetMetaData md = rs.getMetaData().unwrap(PGResultSetMetaData.class);
                            assertThat(md.getFormat(1)).as("int4 format").isEqualTo(1);
                            assertThat(md.getFormat(6)).as("numeric format").isEqualTo(1);
                            assertThat(md.getFormat(11)).as("timestamp format").isEqualTo(1);
                        }
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
        }
    }

    @Test
    void serverPreparedStatementWithUntypedParameterIsDescribedBeforeItIsBound() throws Exception {
        try (Connection c = connect("extended"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE events (id INT PRIMARY KEY, at TIMESTAMP)");
            s.execute("INSERT INTO events VALUES (1, TIMESTAMP '2024-01-01 00:00:00'), (2, TIMESTAMP '2024-06-01 00:00:00')");
            // setTimestamp leaves the parameter's type open, so once the statement is server-prepared
            // pgjdbc describes it (ParameterDescription + RowDescription) before binding.
            try (PreparedStatement select = c.prepareStatement("SELECT id FROM events WHERE at > ? ORDER BY id")) {
                for (int i = 0; i < 8; i++) {
                    select.setTimestamp(1, Timestamp.valueOf("2024-03-01 00:00:00"));
                    try (ResultSet rs = select.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        assertThat(rs.getInt(1)).isEqualTo(2);
                        assertThat(rs.next()).isFalse();
                    }
                }
            }
            assertThat(backend.statementsDescribed()).isPositive();
        }
    }

    @Test
    void preparedStatementMetadataIsAvailableBeforeItRuns() throws Exception {
        try (Connection c = connect("extended"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE shapes (id INT PRIMARY KEY, label TEXT)");
            try (PreparedStatement ps = c.prepareStatement("SELECT id, label FROM shapes WHERE id = ?")) {
                var md = ps.getMetaData();
                assertThat(md.getColumnCount()).isEqualTo(2);
                assertThat(md.getColumnType(1)).isEqualTo(Types.INTEGER);
                assertThat(ps.getParameterMetaData().getParameterCount()).isEqualTo(1);
                assertThat(backend.statementsRun()).as("described, not run").isEqualTo(1);
            }
        }
    }

    @Test
    void fetchSizeWithAutocommitOffHandsRowsOutInBatchesFromOneRun() throws Exception {
        try (Connection c = connect("extended"); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE many (id INT PRIMARY KEY)");
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO many VALUES (?)")) {
                for (int i = 0; i < 95; i++) {
                    insert.setInt(1, i);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.setAutoCommit(false);
            List<String> selects = new java.util.concurrent.CopyOnWriteArrayList<>();
            backend.gate(sql -> {
                if (sql.startsWith("SELECT")) {
                    selects.add(sql);
                }
            });
            try (Statement cursor = c.createStatement()) {
                cursor.setFetchSize(10);
                List<Integer> ids = new ArrayList<>();
                try (ResultSet rs = cursor.executeQuery("SELECT id FROM many ORDER BY id")) {
                    while (rs.next()) {
                        ids.add(rs.getInt(1));
                    }
                }
                assertThat(ids).hasSize(95).startsWith(0, 1, 2).endsWith(93, 94);
            }
            assertThat(selects).hasSize(1);
            assertThat(state(c)).isEqualTo(TransactionState.OPEN);
            c.commit();
        }
    }

    @Test
    void refusedStartupSurfacesAsPsqlExceptionWithTheBackendsSqlStateAndMessage() {
        backend.refuse("draining", new SqlError("57P01", "node is shutting down", true));
        assertThatThrownBy(() -> connect("extended", "draining"))
                .isInstanceOf(PSQLException.class)
                .hasMessageContaining("node is shutting down")
                .extracting(e -> ((PSQLException) e).getSQLState()).isEqualTo("57P01");
    }
}
