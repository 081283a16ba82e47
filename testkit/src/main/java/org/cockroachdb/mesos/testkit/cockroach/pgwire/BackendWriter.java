package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlResult;

/**
 * Writes the server's messages. Output is buffered and only pushed to the socket on {@link #flush()}
 * (ReadyForQuery, Flush, the end of a startup exchange), the points where a client waits for answers.
 */
final class BackendWriter {
    enum Severity { ERROR, FATAL }

    private final OutputStream out;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream(256);

    BackendWriter(OutputStream out) {
        this.out = new BufferedOutputStream(out, 16 * 1024);
    }

    /** The one-byte answer to SSLRequest/GSSENCRequest: this server speaks plain TCP. */
    void refuseEncryption() throws IOException {
        out.write('N');
    }

    void authenticationOk() throws IOException {
        int32(0);
        send('R');
    }

    /** NegotiateProtocolVersion: the newest 3.x minor version served and the options not understood. */
    void negotiateProtocolVersion(int newestMinor, List<String> unrecognizedOptions) throws IOException {
        int32(newestMinor);
        int32(unrecognizedOptions.size());
        for (String option : unrecognizedOptions) {
            cString(option);
        }
        send('v');
    }

    void parameterStatus(String name, String value) throws IOException {
        cString(name);
        cString(value);
        send('S');
    }

    void backendKeyData(int processId, int secretKey) throws IOException {
        int32(processId);
        int32(secretKey);
        send('K');
    }

    void readyForQuery(char transactionStatus) throws IOException {
        body.write(transactionStatus);
        send('Z');
    }

    void rowDescription(List<SqlResult.Column> columns, short[] formats) throws IOException {
        int16(columns.size());
        for (int i = 0; i < columns.size(); i++) {
            SqlResult.Column c = columns.get(i);
            cString(c.name());
            int32(0); // not a table column as far as the wire is concerned
            int16(0);
            int32(c.typeOid());
            int16(TypeOid.size(c.typeOid()));
            int32(-1); // no type modifier
            int16(formats[i]);
        }
        send('T');
    }

    /** One row; each value already encoded in its column's format, null for SQL NULL. */
    void dataRow(List<byte[]> values) throws IOException {
        int16(values.size());
        for (byte[] v : values) {
            if (v == null) {
                int32(-1);
            } else {
                int32(v.length);
                body.write(v);
            }
        }
        send('D');
    }

    void commandComplete(String tag) throws IOException {
        cString(tag);
        send('C');
    }

    void emptyQueryResponse() throws IOException {
        send('I');
    }

    void parseComplete() throws IOException {
        send('1');
    }

    void bindComplete() throws IOException {
        send('2');
    }

    void closeComplete() throws IOException {
        send('3');
    }

    void noData() throws IOException {
        send('n');
    }

    void portalSuspended() throws IOException {
        send('s');
    }

    void parameterDescription(List<Integer> typeOids) throws IOException {
        int16(typeOids.size());
        for (int oid : typeOids) {
            int32(oid);
        }
        send('t');
    }

    /** ErrorResponse for an error the backend (or this server) raised; FATAL ones end the connection. */
    void error(SqlError e) throws IOException {
        error(e.fatal() ? Severity.FATAL : Severity.ERROR, e.sqlState(), e.getMessage(), null, null);
    }

    /** ErrorResponse with severity (S and V), SQLSTATE (C), message (M) and, when given, detail (D) and hint (H). */
    void error(Severity severity, String sqlState, String message, String detail, String hint) throws IOException {
        field('S', severity.name());
        field('V', severity.name());
        field('C', sqlState);
        field('M', message == null ? "" : message);
        if (detail != null) {
            field('D', detail);
        }
        if (hint != null) {
            field('H', hint);
        }
        body.write(0);
        send('E');
    }

    void flush() throws IOException {
        out.flush();
    }

    private void field(char code, String value) {
        body.write(code);
        cString(value);
    }

    private void cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        body.write(b, 0, b.length);
        body.write(0);
    }

    private void int16(int v) {
        body.write(v >>> 8);
        body.write(v);
    }

    private void int32(int v) {
        body.write(v >>> 24);
        body.write(v >>> 16);
        body.write(v >>> 8);
        body.write(v);
    }

    private void send(char type) throws IOException {
        int length = body.size() + 4;
        out.write(type);
        out.write(length >>> 24);
        out.write(length >>> 16);
        out.write(length >>> 8);
        out.write(length);
        body.writeTo(out);
        body.reset();
    }
}
