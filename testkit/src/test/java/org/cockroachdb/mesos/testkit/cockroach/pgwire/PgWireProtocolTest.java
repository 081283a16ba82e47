package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.DataInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.cockroachdb.mesos.testkit.cockroach.pgwire.RawPgClient.Message;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlResult;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlResult.Column;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The wire protocol message by message, through a bare frontend that can also misbehave. */
class PgWireProtocolTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private <T extends AutoCloseable> T closeLater(T c) {
        cleanup.add(c);
        return c;
    }

    private InetSocketAddress serve(org.cockroachdb.mesos.testkit.cockroach.sql.SqlBackend backend) throws IOException {
        PgWireServer server = closeLater(new PgWireServer(backend));
        return server.start(new InetSocketAddress("127.0.0.1", 0));
    }

    private H2Backend h2() {
        return closeLater(new H2Backend());
    }

    private RawPgClient client(InetSocketAddress address) throws IOException {
        return closeLater(new RawPgClient(address));
    }

    private static byte[] body(Object... parts) {
        var out = new java.io.ByteArrayOutputStream();
        for (Object p : parts) {
            out.writeBytes(p instanceof String s ? RawPgClient.cString(s) : (byte[]) p);
        }
        return out.toByteArray();
    }

    @Test
    void greetingIsAuthenticationOkParametersBackendKeyAndIdleReadyForQuery() throws Exception {
        RawPgClient c = client(serve(h2()));
        List<Message> greeting = c.startup();
        assertThat(RawPgClient.types(greeting)).matches("RS+KZ");
        assertThat(greeting.get(0).buffer().getInt()).isZero();
        assertThat(greeting.get(greeting.size() - 1).body()).containsExactly('I');
    }

    @Test
    void sslRequestIsAnsweredNoAndStartupContinuesOnTheSameConnection() throws Exception {
        RawPgClient c = client(serve(h2()));
        c.sendUntyped(RawPgClient.int32(StartupHandshake.SSL_REQUEST));
        assertThat(c.readByte()).isEqualTo('N');
        assertThat(RawPgClient.types(c.startup())).endsWith("KZ");
    }

    @Test
    void gssEncryptionRequestIsAnsweredNoAndSslRequestAfterItToo() throws Exception {
        RawPgClient c = client(serve(h2()));
        c.sendUntyped(RawPgClient.int32(StartupHandshake.GSSENC_REQUEST));
        assertThat(c.readByte()).isEqualTo('N');
        c.sendUntyped(RawPgClient.int32(StartupHandshake.SSL_REQUEST));
        assertThat(c.readByte()).isEqualTo('N');
        assertThat(RawPgClient.types(c.startup())).endsWith("KZ");
    }

    @Test
    void cancelRequestIsClosedQuietly() throws Exception {
        H2Backend backend = h2();
        RawPgClient c = client(serve(backend));
        c.sendUntyped(body(RawPgClient.int32(StartupHandshake.CANCEL_REQUEST), RawPgClient.int32(1), RawPgClient.int32(2)));
        assertThat(c.readByte()).isEqualTo(-1);
        assertThat(backend.sessionsOpened()).isZero();
    }

    @Test
    void startupWithoutUserIsRefusedWithFatal28000() throws Exception {
        RawPgClient c = client(serve(h2()));
        c.sendStartup(Map.of("database", "defaultdb"));
        List<Message> messages = c.readUntilClosed();
        assertThat(RawPgClient.types(messages)).isEqualTo("E");
        assertThat(messages.get(0).errorFields()).containsEntry('S', "FATAL").containsEntry('C', "28000");
    }

    @Test
    void unsupportedProtocolVersionIsRefused() throws Exception {
        RawPgClient c = client(serve(h2()));
        c.sendUntyped(body(RawPgClient.int32(2 << 16), "user", "root", ""));
        List<Message> messages = c.readUntilClosed();
        assertThat(RawPgClient.types(messages)).isEqualTo("E");
        assertThat(messages.get(0).errorFields().get('M')).contains("unsupported frontend protocol 2.0");
    }

    @Test
    void emptyQueryStringGetsEmptyQueryResponse() throws Exception {
        RawPgClient c = client(serve(h2()));
        c.startup();
        c.query("  ; -- only a comment\n ; /* and /* a nested */ one */ ");
        assertThat(RawPgClient.types(c.readUntilReady())).isEqualTo("IZ");
    }

    @Test
    void simpleQueryRunsStatementsInOrderAndStopsAtTheFirstFailure() throws Exception {
        RawPgClient c = client(serve(h2()));
        c.startup();
        c.query("CREATE TABLE a (x INT); INSERT INTO a VALUES (1); INSERT INTO nope VALUES (1); INSERT INTO a VALUES (2)");
        List<Message> replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("CCEZ");
        assertThat(replies.get(0).commandTag()).isEqualTo("CREATE TABLE");
        assertThat(replies.get(1).commandTag()).isEqualTo("INSERT 0 1");
        assertThat(replies.get(2).errorFields()).containsEntry('S', "ERROR").containsEntry('V', "ERROR").containsKey('M');
        assertThat(replies.get(2).sqlState()).hasSize(5);

        c.query("SELECT x FROM a; SELECT 'semi;colon' AS s");
        replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("TDCTDCZ");
        assertThat(replies.get(1).dataRow()).containsExactly("1");
        assertThat(replies.get(2).commandTag()).isEqualTo("SELECT 1");
        assertThat(replies.get(4).dataRow()).containsExactly("semi;colon");
    }

    @Test
    void executeWithRowLimitSuspendsThePortalUntilItsRowsRunOut() throws Exception {
        RawPgClient c = client(serve(h2()));
        c.startup();
        c.query("CREATE TABLE five (n INT); INSERT INTO five VALUES (1), (2), (3), (4), (5); BEGIN");
        assertThat(c.readUntilReady().get(3).body()).containsExactly('T');

        c.parse("", "SELECT n FROM five ORDER BY n");
        c.bind("cursor", "", 0, List.of(), 0);
        c.describe('P', "cursor");
        c.execute("cursor", 2);
        c.sync();
        List<Message> first = c.readUntilReady();
        assertThat(RawPgClient.types(first)).isEqualTo("12TDDsZ");
        assertThat(first.get(3).dataRow()).containsExactly("1");

        c.execute("cursor", 2);
        c.sync();
        assertThat(RawPgClient.types(c.readUntilReady())).isEqualTo("DDsZ");

        c.execute("cursor", 2);
        c.sync();
        List<Message> last = c.readUntilReady();
        assertThat(RawPgClient.types(last)).isEqualTo("DCZ");
        assertThat(last.get(0).dataRow()).containsExactly("5");
        assertThat(last.get(1).commandTag()).isEqualTo("SELECT 1");
    }

    @Test
    void describedPortalRunsOnceAndExecuteReturnsTheSameResult() throws Exception {
        H2Backend backend = h2();
        RawPgClient c = client(serve(backend));
        c.startup();
        int before = backend.statementsRun();
        c.parse("", "SELECT 1 AS one");
        c.bind("", "", 0, List.of(), 0);
        c.describe('P', "");
        c.execute("", 0);
        c.sync();
        List<Message> replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("12TDCZ");
        assertThat(backend.statementsRun() - before).isEqualTo(1);
    }

    @Test
    void errorInExtendedQuerySkipsEverythingUntilSync() throws Exception {
        RawPgClient c = client(serve(h2()));
        c.startup();
        c.bind("", "never-parsed", 0, List.of(), 0);
        c.parse("", "SELECT 1");
        c.bind("", "", 0, List.of(), 0);
        c.describe('P', "");
        c.execute("", 0);
        c.query("SELECT 1"); // a simple query inside the skipped stretch is skipped too
        c.sync();
        List<Message> replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("EZ");
        assertThat(replies.get(0).errorFields()).containsEntry('S', "ERROR").containsEntry('C', "26000");

        // SQL is only looked at when the portal runs, so a syntax error shows at Describe.
        c.parse("", "SELEKT 1");
        c.bind("", "", 0, List.of(), 0);
        c.describe('P', "");
        c.execute("", 0);
        c.sync();
        assertThat(RawPgClient.types(c.readUntilReady())).isEqualTo("12EZ");

        c.parse("", "SELECT 2");
        c.bind("", "", 0, List.of(), 0);
        c.execute("", 0);
        c.sync();
        assertThat(RawPgClient.types(c.readUntilReady())).isEqualTo("12DCZ");
    }

    @Test
    void namedStatementOutlivesSyncUntilClosed() throws Exception {
        RawPgClient c = client(serve(h2()));
        c.startup();
        c.parse("s1", "SELECT 1");
        c.sync();
        assertThat(RawPgClient.types(c.readUntilReady())).isEqualTo("1Z");
        c.bind("", "s1", 0, List.of(), 0);
        c.execute("", 0);
        c.send('C', new byte[] {'S'}, RawPgClient.cString("s1"));
        c.bind("", "s1", 0, List.of(), 0);
        c.sync();
        List<Message> replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("2DC3EZ");
        assertThat(replies.get(4).sqlState()).isEqualTo("26000");
    }

    @Test
    void binaryParametersReachTheBackendAsText() throws Exception {
        CannedBackend backend = new CannedBackend((sql, params) -> SqlResult.command("INSERT 0 1"));
        RawPgClient c = client(serve(backend));
        c.startup();
        c.parse("", "INSERT INTO t VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
                TypeOid.INT2, TypeOid.INT4, TypeOid.INT8, TypeOid.FLOAT4, TypeOid.FLOAT8, TypeOid.BOOL, TypeOid.TEXT,
                TypeOid.BYTEA, TypeOid.NUMERIC);
        List<byte[]> values = Arrays.asList(
                ByteBuffer.allocate(2).putShort((short) -7).array(),
                ByteBuffer.allocate(4).putInt(42).array(),
                ByteBuffer.allocate(8).putLong(-9_000_000_000L).array(),
                ByteBuffer.allocate(4).putFloat(1.5f).array(),
                ByteBuffer.allocate(8).putDouble(2.25).array(),
                new byte[] {1},
                "héllo".getBytes(StandardCharsets.UTF_8),
                new byte[] {0, (byte) 0xff, 'a'},
                null);
        c.bind("", "", 1, values, 0);
        c.execute("", 0);
        c.sync();
        assertThat(RawPgClient.types(c.readUntilReady())).isEqualTo("12CZ");
        assertThat(backend.calls().get(0).parameters())
                .containsExactly("-7", "42", "-9000000000", "1.5", "2.25", "t", "héllo", "\\x00ff61", null);
    }

    @Test
    void binaryParameterOfUndeclaredTypeIsRefused() throws Exception {
        CannedBackend backend = new CannedBackend((sql, params) -> SqlResult.command("SELECT 1"));
        RawPgClient c = client(serve(backend));
        c.startup();
        c.parse("", "SELECT $1");
        c.bind("", "", 1, List.<byte[]>of(new byte[] {0, 0, 0, 1}), 0);
        c.sync();
        List<Message> replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("1EZ");
        assertThat(replies.get(1).errorFields().get('M')).contains("$1");
        assertThat(backend.calls()).isEmpty();
    }

    @Test
    void bindWithTheWrongNumberOfParametersIsRefused() throws Exception {
        RawPgClient c = client(serve(new CannedBackend((sql, params) -> SqlResult.command("SELECT 0"))));
        c.startup();
        c.parse("", "SELECT $1, $2");
        c.bind("", "", 0, List.<byte[]>of("1".getBytes(StandardCharsets.UTF_8)), 0);
        c.sync();
        List<Message> replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("1EZ");
        assertThat(replies.get(1).errorFields().get('M')).contains("supplies 1 parameters", "requires 2");
    }

    @Test
    void binaryResultsAreEncodedByColumnType() throws Exception {
        List<Column> columns = List.of(new Column("i", TypeOid.INT4), new Column("f", TypeOid.FLOAT8),
                new Column("b", TypeOid.BOOL), new Column("n", TypeOid.NUMERIC), new Column("t", TypeOid.TEXT),
                new Column("z", TypeOid.INT8));
        SqlResult result = new SqlResult(columns, List.of(Arrays.asList("7", "2.5", "t", "-12.345", "x", null)), "SELECT 1");
        RawPgClient c = client(serve(new CannedBackend((sql, params) -> result)));
        c.startup();
        c.parse("", "SELECT anything");
        c.bind("", "", 0, List.of(), 1);
        c.describe('P', "");
        c.execute("", 0);
        c.sync();
        List<Message> replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("12TDCZ");
        Message row = replies.get(3);
        assertThat(row.dataRowValue(0)).containsExactly(0, 0, 0, 7);
        assertThat(ByteBuffer.wrap(row.dataRowValue(1)).getDouble()).isEqualTo(2.5);
        assertThat(row.dataRowValue(2)).containsExactly(1);
        assertThat(NumericBinary.decode(row.dataRowValue(3))).isEqualTo("-12.345");
        assertThat(new String(row.dataRowValue(4), StandardCharsets.UTF_8)).isEqualTo("x");
        assertThat(row.dataRowValue(5)).isNull();
        ByteBuffer description = replies.get(2).buffer();
        assertThat(description.getShort()).isEqualTo((short) 6);
    }

    @Test
    void binaryResultForATypeWithoutBinaryFormIsRefusedWithAClearError() throws Exception {
        int interval = 1186;
        SqlResult result = new SqlResult(List.of(new Column("span", interval)), List.of(List.of("1 day")), "SELECT 1");
        RawPgClient c = client(serve(new CannedBackend((sql, params) -> result)));
        c.startup();
        c.parse("", "SELECT span");
        c.bind("", "", 0, List.of(), 1);
        c.describe('P', "");
        c.execute("", 0);
        c.sync();
        List<Message> replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("12EZ");
        assertThat(replies.get(2).sqlState()).isEqualTo("0A000");
        assertThat(replies.get(2).errorFields().get('M')).contains("span", "1186", "binary");
    }

    @Test
    void statementDescribeWithoutBackendSupportReportsNoDataOnlyForStatementsThatCannotReturnRows() throws Exception {
        RawPgClient c = client(serve(new CannedBackend((sql, params) -> SqlResult.command("INSERT 0 1"))));
        c.startup();
        c.parse("ins", "INSERT INTO t VALUES ($1, $2)", TypeOid.INT8);
        c.describe('S', "ins");
        c.sync();
        List<Message> replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("1tnZ");
        ByteBuffer parameters = replies.get(1).buffer();
        assertThat(parameters.getShort()).isEqualTo((short) 2);
        assertThat(parameters.getInt()).isEqualTo(TypeOid.INT8);
        assertThat(parameters.getInt()).as("open type described as text").isEqualTo(TypeOid.TEXT);

        c.parse("sel", "SELECT a FROM t WHERE b = $1");
        c.describe('S', "sel");
        c.sync();
        replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("1EZ");
        assertThat(replies.get(1).sqlState()).isEqualTo("0A000");
    }

    @Test
    void statementDescribeUsesTheBackendsDescriptionWhenItHasOne() throws Exception {
        H2Backend backend = h2();
        RawPgClient c = client(serve(backend));
        c.startup();
        c.query("CREATE TABLE d (id INT, label VARCHAR(10))");
        c.readUntilReady();
        c.parse("q", "SELECT id, label FROM d WHERE id = $1", TypeOid.INT4);
        c.describe('S', "q");
        c.sync();
        List<Message> replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("1tTZ");
        ByteBuffer row = replies.get(2).buffer();
        assertThat(row.getShort()).isEqualTo((short) 2);
    }

    @Test
    void multipleStatementsInOneParseAreRefused() throws Exception {
        RawPgClient c = client(serve(h2()));
        c.startup();
        c.parse("", "SELECT 1; SELECT 2");
        c.sync();
        List<Message> replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("EZ");
        assertThat(replies.get(0).sqlState()).isEqualTo("42601");
    }

    @Test
    void fatalBackendErrorEndsTheConnection() throws Exception {
        CannedBackend backend = new CannedBackend((sql, params) -> {
            throw new SqlError("57P01", "terminating connection due to administrator command", true);
        });
        RawPgClient c = client(serve(backend));
        c.startup();
        c.query("SELECT 1");
        List<Message> replies = c.readUntilClosed();
        assertThat(RawPgClient.types(replies)).isEqualTo("E");
        assertThat(replies.get(0).errorFields()).containsEntry('S', "FATAL").containsEntry('C', "57P01");
        await().atMost(PATIENCE).until(() -> backend.sessionsClosed() == 1);
    }

    @Test
    void backendThatThrowsUncheckedGetsAnInternalErrorAndTheConnectionLives() throws Exception {
        CannedBackend backend = new CannedBackend((sql, params) -> {
            if (sql.contains("boom")) {
                throw new IllegalStateException("boom");
            }
            return SqlResult.command("SELECT 0");
        });
        RawPgClient c = client(serve(backend));
        c.startup();
        c.query("SELECT boom");
        List<Message> replies = c.readUntilReady();
        assertThat(RawPgClient.types(replies)).isEqualTo("EZ");
        assertThat(replies.get(0).sqlState()).isEqualTo("XX000");
        c.query("SELECT fine");
        assertThat(RawPgClient.types(c.readUntilReady())).isEqualTo("CZ");
    }

    @Test
    void unknownMessageTypeIsAProtocolViolationThatClosesTheConnection() throws Exception {
        H2Backend backend = h2();
        RawPgClient c = client(serve(backend));
        c.startup();
        c.send('?', new byte[3]);
        List<Message> replies = c.readUntilClosed();
        assertThat(RawPgClient.types(replies)).isEqualTo("E");
        assertThat(replies.get(0).errorFields()).containsEntry('S', "FATAL").containsEntry('C', "08P01");
        await().atMost(PATIENCE).until(() -> backend.sessionsClosed() == 1);
    }

    @Test
    void lengthOfTwoToTheThirtyOneMinusOneIsRefusedWith08P01() throws Exception {
        RawPgClient c = client(serve(h2()));
        c.startup();
        c.sendRaw(body(new byte[] {'Q'}, RawPgClient.int32(Integer.MAX_VALUE)));
        List<Message> replies = c.readUntilClosed();
        assertThat(RawPgClient.types(replies)).isEqualTo("E");
        assertThat(replies.get(0).sqlState()).isEqualTo("08P01");
        assertThat(replies.get(0).errorFields().get('M')).contains("2147483647");
    }

    @Test
    void oversizedStartupPacketIsRefusedWith08P01() throws Exception {
        RawPgClient c = client(serve(h2()));
        c.sendRaw(RawPgClient.int32(Integer.MAX_VALUE));
        List<Message> replies = c.readUntilClosed();
        assertThat(RawPgClient.types(replies)).isEqualTo("E");
        assertThat(replies.get(0).sqlState()).isEqualTo("08P01");
    }

    @Test
    void messageWhoseFieldsOverrunItsLengthIsRefusedWith08P01() throws Exception {
        RawPgClient c = client(serve(h2()));
        c.startup();
        // A Bind that ends right after its (unterminated) portal name.
        c.send('B', "portal".getBytes(StandardCharsets.UTF_8));
        List<Message> replies = c.readUntilClosed();
        assertThat(RawPgClient.types(replies)).isEqualTo("E");
        assertThat(replies.get(0).sqlState()).isEqualTo("08P01");
    }

    @Test
    void randomBytesAfterStartupCloseThatConnectionAndSpareTheOthers() throws Exception {
        H2Backend backend = h2();
        InetSocketAddress address = serve(backend);
        try (Connection bystander = DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + address.getPort() + "/defaultdb?user=root")) {
            Random random = new Random(20_240_601);
            for (int round = 0; round < 20; round++) {
                try (RawPgClient c = new RawPgClient(address)) {
                    c.startup();
                    byte[] junk = new byte[1 + random.nextInt(200)];
                    random.nextBytes(junk);
                    c.sendRaw(junk);
                    c.shutdownOutput(); // whatever the junk promised, no more bytes are coming
                    c.readUntilClosed();
                }
            }
            await().atMost(PATIENCE).until(() -> backend.sessionsClosed() == 20);
            try (ResultSet rs = bystander.createStatement().executeQuery("SELECT 40 + 2")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(42);
            }
        }
    }

    @Test
    void clientDisconnectingMidQueryGetsItsSessionClosed() throws Exception {
        H2Backend backend = h2();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        backend.gate(sql -> {
            if (sql.contains("slow")) {
                entered.countDown();
                release.await();
            }
        });
        RawPgClient c = client(serve(backend));
        c.startup();
        c.query("SELECT 'slow'");
        assertThat(entered.await(20, TimeUnit.SECONDS)).isTrue();
        c.close();
        release.countDown();
        await().atMost(PATIENCE).until(() -> backend.sessionsClosed() == 1);
    }

    @Test
    void terminateClosesTheConnectionAndTheSession() throws Exception {
        H2Backend backend = h2();
        RawPgClient c = client(serve(backend));
        c.startup();
        c.terminate();
        assertThat(c.readByte()).isEqualTo(-1);
        await().atMost(PATIENCE).until(() -> backend.sessionsClosed() == 1);
    }

    @Test
    void connectionAcceptedElsewhereIsServedWithTheBytesAlreadyReadFromIt() throws Exception {
        H2Backend backend = h2();
        PgWireServer server = closeLater(new PgWireServer(backend));
        ServerSocket shared = closeLater(new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress()));
        Thread front = new Thread(() -> {
            // What the node does on its shared port: peek at the first bytes, hand PostgreSQL over.
            while (!shared.isClosed()) {
                try {
                    Socket s = shared.accept();
                    byte[] head = new byte[PgWireServer.SNIFF_LENGTH];
                    new DataInputStream(s.getInputStream()).readFully(head);
                    if (PgWireServer.isPostgresStart(head)) {
                        server.serve(s, head);
                    } else {
                        s.close();
                    }
                } catch (IOException e) {
                    return;
                }
            }
        });
        front.setDaemon(true);
        front.start();
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + shared.getLocalPort() + "/defaultdb?user=root");
                ResultSet rs = c.createStatement().executeQuery("SELECT 6 * 7")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void onlyPostgresOpeningPacketsAreRecognised() {
        assertThat(PgWireServer.isPostgresStart(body(RawPgClient.int32(8), RawPgClient.int32(StartupHandshake.SSL_REQUEST)))).isTrue();
        assertThat(PgWireServer.isPostgresStart(body(RawPgClient.int32(40), RawPgClient.int32(3 << 16)))).isTrue();
        assertThat(PgWireServer.isPostgresStart("PRI * HTTP/2.0\r\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(PgWireServer.isPostgresStart("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII))).isFalse();
        assertThat(PgWireServer.isPostgresStart(new byte[4])).isFalse();
    }

    @Test
    void closeStopsAcceptingAndEndsLiveConnections() throws Exception {
        H2Backend backend = h2();
        PgWireServer server = new PgWireServer(backend);
        InetSocketAddress address = server.start(new InetSocketAddress("127.0.0.1", 0));
        RawPgClient c = client(address);
        c.startup();
        assertThat(server.connectionCount()).isEqualTo(1);
        server.close();
        assertThat(c.readByte()).isEqualTo(-1);
        assertThat(backend.sessionsClosed()).isEqualTo(1);
        assertThat(server.connectionCount()).isZero();
        assertThatThrownBy(() -> new Socket(address.getAddress(), address.getPort()).close()).isInstanceOf(ConnectException.class);
    }
}
