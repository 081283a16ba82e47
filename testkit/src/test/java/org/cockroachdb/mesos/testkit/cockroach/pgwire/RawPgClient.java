package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A bare PostgreSQL frontend for the tests that need to see or send individual protocol messages
 * (including broken ones), which no real driver would let them do.
 */
final class RawPgClient implements AutoCloseable {
    /** One backend message: its type and body. */
    record Message(char type, byte[] body) {
        ByteBuffer buffer() {
            return ByteBuffer.wrap(body);
        }

        /** ErrorResponse fields by code (S, V, C, M, ...). */
        Map<Character, String> errorFields() {
            Map<Character, String> fields = new HashMap<>();
            ByteBuffer b = buffer();
            while (b.hasRemaining()) {
                char code = (char) b.get();
                if (code == 0) {
                    break;
                }
                fields.put(code, cString(b));
            }
            return fields;
        }

        String sqlState() {
            return errorFields().get('C');
        }

        /** DataRow values decoded as UTF-8 text (null for NULL); see {@link #dataRowValue} for binary ones. */
        List<String> dataRow() {
            ByteBuffer b = buffer();
            int n = b.getShort();
            List<String> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int len = b.getInt();
                if (len < 0) {
                    values.add(null);
                } else {
                    byte[] v = new byte[len];
                    b.get(v);
                    values.add(new String(v, StandardCharsets.UTF_8));
                }
            }
            return values;
        }

        byte[] dataRowValue(int column) {
            ByteBuffer b = buffer();
            int n = b.getShort();
            for (int i = 0; i < n; i++) {
                int len = b.getInt();
                byte[] v = len < 0 ? null : new byte[len];
                if (v != null) {
                    b.get(v);
                }
                if (i == column) {
                    return v;
                }
            }
            throw new IllegalArgumentException("no column " + column);
        }

        String commandTag() {
            return cString(buffer());
        }
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawPgClient(InetSocketAddress server) throws IOException {
        socket = new Socket(server.getAddress(), server.getPort());
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** StartupMessage v3 for user root on defaultdb, then everything up to the first ReadyForQuery. */
    List<Message> startup() throws IOException {
        sendStartup(Map.of("user", "root", "database", "defaultdb"));
        return readUntilReady();
    }

    void sendStartup(Map<String, String> params) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(int32(3 << 16));
        params.forEach((k, v) -> {
            body.writeBytes(cString(k));
            body.writeBytes(cString(v));
        });
        body.write(0);
        sendUntyped(body.toByteArray());
    }

    /** A startup-phase packet: length and body, no type byte. */
    void sendUntyped(byte[] body) throws IOException {
        out.write(int32(body.length + 4));
        out.write(body);
        out.flush();
    }

    void send(char type, byte[]... parts) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            body.writeBytes(p);
        }
        out.write(type);
        out.write(int32(body.size() + 4));
        body.writeTo(out);
        out.flush();
    }

    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    void sendRaw(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    void query(String sql) throws IOException {
        send('Q', cString(sql));
    }

    void parse(String name, String sql, int... types) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(cString(name));
        b.writeBytes(cString(sql));
        b.writeBytes(int16(types.length));
        for (int t : types) {
            b.writeBytes(int32(t));
        }
        send('P', b.toByteArray());
    }

    /** Bind with all parameters in one format and all results in one format. */
    void bind(String portal, String statement, int parameterFormat, List<byte[]> values, int resultFormat) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(cString(portal));
        b.writeBytes(cString(statement));
        b.writeBytes(int16(1));
        b.writeBytes(int16(parameterFormat));
        b.writeBytes(int16(values.size()));
        for (byte[] v : values) {
            if (v == null) {
                b.writeBytes(int32(-1));
            } else {
                b.writeBytes(int32(v.length));
                b.writeBytes(v);
            }
        }
        b.writeBytes(int16(1));
        b.writeBytes(int16(resultFormat));
        send('B', b.toByteArray());
    }

    void describe(char kind, String name) throws IOException {
        send('D', new byte[] {(byte) kind}, cString(name));
    }

    void execute(String portal, int maxRows) throws IOException {
        send('E', cString(portal), int32(maxRows));
    }

    void sync() throws IOException {
        send('S');
    }

    void terminate() throws IOException {
        send('X');
    }

    Message read() throws IOException {
        char type = (char) in.readUnsignedByte();
        int length = in.readInt();
        byte[] body = new byte[length - 4];
        in.readFully(body);
        return new Message(type, body);
    }

    int readByte() throws IOException {
        return in.read();
    }

    /** Messages up to and including the next ReadyForQuery. */
    List<Message> readUntilReady() throws IOException {
        List<Message> messages = new ArrayList<>();
        Message m;
        do {
            m = read();
            messages.add(m);
        } while (m.type() != 'Z');
        return messages;
    }

    /** Messages until the server closes the connection. */
    List<Message> readUntilClosed() throws IOException {
        List<Message> messages = new ArrayList<>();
        try {
            while (true) {
                messages.add(read());
            }
        } catch (EOFException | SocketException e) {
            return messages;
        }
    }

    static String types(List<Message> messages) {
        StringBuilder s = new StringBuilder();
        messages.forEach(m -> s.append(m.type()));
        return s.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    static byte[] cString(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, b.length);
        return out;
    }

    static byte[] int16(int v) {
        return ByteBuffer.allocate(2).putShort((short) v).array();
    }

    static byte[] int32(int v) {
        return ByteBuffer.allocate(4).putInt(v).array();
    }

    private static String cString(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) {
            // scan to the terminator
        }
        return new String(b.array(), start, b.position() - start - 1, StandardCharsets.UTF_8);
    }
}
