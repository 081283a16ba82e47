package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlResult;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlSession;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlStatements;

/**
 * The extended query protocol: Parse, Bind, Describe, Execute and Close, with the named and unnamed
 * statements and portals they create. Errors are thrown as {@link SqlError}; the connection reports
 * them and skips to the next Sync.
 */
final class ExtendedQuery {
    private final BackendWriter writer;
    private final StatementRunner runner;
    private final SqlSession session;
    private final Map<String, PreparedQuery> statements = new HashMap<>();
    private final Map<String, Portal> portals = new HashMap<>();
    /** The portal whose statement is running: a COMMIT it runs must not take the portal away from its own Execute. */
    private Portal running;

    ExtendedQuery(BackendWriter writer, StatementRunner runner, SqlSession session) {
        this.writer = writer;
        this.runner = runner;
        this.session = session;
    }

    void handle(FrontendMessage m) throws IOException, ProtocolViolation, SqlError {
        switch (m.type()) {
            case 'P' -> parse(m);
            case 'B' -> bind(m);
            case 'D' -> describe(m);
            case 'E' -> execute(m);
            case 'C' -> close(m);
            default -> throw new IllegalArgumentException("not an extended-protocol message: " + m.type());
        }
    }

    /** A transaction ended: its portals end with it (except one still running the statement that ended it). */
    void transactionEnded() {
        portals.values().removeIf(p -> p != running);
    }

    /** Sync closes the implicit transaction of statements run outside BEGIN, and with it their portals. */
    void sync() {
        if (!session.inTransaction()) {
            portals.clear();
        }
    }

    /** A simple Query replaces the unnamed statement and portal. */
    void forgetUnnamed() {
        statements.remove("");
        portals.remove("");
    }

    private void parse(FrontendMessage m) throws IOException, ProtocolViolation, SqlError {
        String name = m.readCString();
        String text = m.readCString();
        int declared = Short.toUnsignedInt(m.readInt16());
        List<Integer> types = new ArrayList<>();
        for (int i = 0; i < declared; i++) {
            types.add(m.readInt32());
        }
        m.expectEnd();
        if (!name.isEmpty() && statements.containsKey(name)) {
            throw new SqlError("42P05", "prepared statement \"" + name + "\" already exists");
        }
        List<String> parts = SqlStatements.split(text);
        if (parts.size() > 1) {
            throw new SqlError("42601", "cannot insert multiple commands into a prepared statement");
        }
        String sql = parts.isEmpty() ? "" : parts.get(0);
        // Parameters the client did not declare a type for are still parameters: count them from $n.
        int placeholders = StatementShape.of(sql).parameterCount();
        while (types.size() < placeholders) {
            types.add(TypeOid.UNSPECIFIED);
        }
        statements.put(name, new PreparedQuery(sql, types));
        writer.parseComplete();
    }

    private void bind(FrontendMessage m) throws IOException, ProtocolViolation, SqlError {
        String portalName = m.readCString();
        String statementName = m.readCString();
        short[] parameterFormats = readFormatCodes(m);
        int count = Short.toUnsignedInt(m.readInt16());
        List<byte[]> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = m.readInt32();
            values.add(length == -1 ? null : m.readBytes(length));
        }
        short[] resultFormats = readFormatCodes(m);
        m.expectEnd();

        PreparedQuery statement = statement(statementName);
        int expected = statement.parameterTypes().size();
        if (count != expected) {
            throw new SqlError(ProtocolViolation.SQLSTATE, "bind message supplies " + count
                    + " parameters, but prepared statement \"" + statementName + "\" requires " + expected);
        }
        if (parameterFormats.length > 1 && parameterFormats.length != count) {
            throw new SqlError(ProtocolViolation.SQLSTATE, "bind message has " + parameterFormats.length
                    + " parameter formats but " + count + " parameters");
        }
        List<String> parameters = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            parameters.add(parameterText(statement, parameterFormats, i, values.get(i)));
        }
        if (!portalName.isEmpty() && portals.containsKey(portalName)) {
            throw new SqlError("42P03", "portal \"" + portalName + "\" already exists");
        }
        portals.put(portalName, new Portal(statement, parameters, resultFormats));
        writer.bindComplete();
    }

    private void describe(FrontendMessage m) throws IOException, ProtocolViolation, SqlError {
        byte kind = m.readByte();
        String name = m.readCString();
        m.expectEnd();
        if (kind == 'S') {
            describeStatement(statement(name));
        } else if (kind == 'P') {
            describePortal(portal(name));
        } else {
            throw new SqlError(ProtocolViolation.SQLSTATE, "invalid DESCRIBE message subtype " + kind);
        }
    }

    /**
     * Parameter types as declared (open ones as text), then the columns if the backend can tell them
     * without running the statement; nothing is run here because the parameters are not bound yet.
     */
    private void describeStatement(PreparedQuery statement) throws IOException, SqlError {
        List<SqlResult.Column> columns = List.of();
        if (!statement.isEmpty()) {
            Optional<List<SqlResult.Column>> described = session.describe(statement.sql(), statement.parameterTypes());
            if (described.isPresent()) {
                columns = described.get();
            } else if (StatementShape.of(statement.sql()).mayReturnRows()) {
                // NoData here would make the client drop the rows Execute sends later.
                throw new SqlError("0A000", "cannot describe the result columns of prepared statement \""
                        + statement.sql() + "\" before it runs; describe a bound portal instead");
            }
        }
        writer.parameterDescription(statement.describedParameterTypes());
        if (columns.isEmpty()) {
            writer.noData();
        } else {
            writer.rowDescription(columns, ResultFormats.allText(columns).codes());
        }
    }

    private void describePortal(Portal portal) throws IOException, SqlError {
        if (portal.isEmpty()) {
            writer.noData();
            return;
        }
        SqlResult result = run(portal);
        if (result.returnsRows()) {
            writer.rowDescription(result.columns(), portal.formats().codes());
        } else {
            writer.noData();
        }
    }

    private void execute(FrontendMessage m) throws IOException, ProtocolViolation, SqlError {
        String name = m.readCString();
        int maxRows = m.readInt32();
        m.expectEnd();
        Portal portal = portal(name);
        if (portal.isEmpty()) {
            writer.emptyQueryResponse();
            return;
        }
        SqlResult result = run(portal);
        if (!result.returnsRows()) {
            writer.commandComplete(result.commandTag());
            return;
        }
        List<List<String>> batch = portal.nextRows(maxRows);
        // Encode the whole batch first, so a value that cannot be encoded fails before any row is sent.
        List<List<byte[]>> encoded = new ArrayList<>(batch.size());
        for (List<String> row : batch) {
            encoded.add(portal.formats().encode(row));
        }
        for (List<byte[]> row : encoded) {
            writer.dataRow(row);
        }
        if (portal.hasMoreRows()) {
            portal.markSuspended();
            writer.portalSuspended();
        } else {
            writer.commandComplete(portal.completionTag(batch.size()));
        }
    }

    private void close(FrontendMessage m) throws IOException, ProtocolViolation, SqlError {
        byte kind = m.readByte();
        String name = m.readCString();
        m.expectEnd();
        if (kind == 'S') {
            PreparedQuery closed = statements.remove(name);
            // Closing a statement closes the portals made from it.
            if (closed != null) {
                portals.values().removeIf(p -> p.statement() == closed);
            }
        } else if (kind == 'P') {
            portals.remove(name);
        } else {
            throw new SqlError(ProtocolViolation.SQLSTATE, "invalid CLOSE message subtype " + kind);
        }
        writer.closeComplete(); // closing what does not exist is not an error
    }

    private SqlResult run(Portal portal) throws SqlError {
        running = portal;
        try {
            return portal.result(runner);
        } finally {
            running = null;
        }
    }

    private PreparedQuery statement(String name) throws SqlError {
        PreparedQuery statement = statements.get(name);
        if (statement == null) {
            throw new SqlError("26000", name.isEmpty() ? "unnamed prepared statement does not exist"
                    : "prepared statement \"" + name + "\" does not exist");
        }
        return statement;
    }

    private Portal portal(String name) throws SqlError {
        Portal portal = portals.get(name);
        if (portal == null) {
            throw new SqlError("34000", name.isEmpty() ? "unnamed portal does not exist"
                    : "portal \"" + name + "\" does not exist");
        }
        return portal;
    }

    private static short[] readFormatCodes(FrontendMessage m) throws ProtocolViolation, SqlError {
        int n = Short.toUnsignedInt(m.readInt16());
        short[] codes = new short[n];
        for (int i = 0; i < n; i++) {
            codes[i] = m.readInt16();
            if (codes[i] != ResultFormats.TEXT && codes[i] != ResultFormats.BINARY) {
                throw new SqlError("22023", "unsupported format code: " + codes[i]);
            }
        }
        return codes;
    }

    private static String parameterText(PreparedQuery statement, short[] formats, int i, byte[] value) throws SqlError {
        if (value == null) {
            return null;
        }
        short format = formats.length == 0 ? ResultFormats.TEXT : formats.length == 1 ? formats[0] : formats[i];
        if (format == ResultFormats.TEXT) {
            return new String(value, StandardCharsets.UTF_8);
        }
        int type = statement.parameterTypes().get(i);
        if (type == TypeOid.UNSPECIFIED) {
            throw new SqlError(ProtocolViolation.SQLSTATE, "parameter $" + (i + 1)
                    + " is sent in binary but its type was not declared in Parse");
        }
        return BinaryCodec.decode(type, value);
    }
}
