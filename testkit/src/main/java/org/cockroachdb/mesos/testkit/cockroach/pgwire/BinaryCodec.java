package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlError;

/**
 * Converts values between the text form the backend speaks and PostgreSQL's binary format, for the
 * types clients actually ask binary for (pgjdbc: integers, floats, numeric, bytea, uuid, dates and
 * timestamps once a statement is server-prepared). Other types have no binary form here; the wire
 * server refuses such requests with an error instead of sending bytes the client would misread.
 */
final class BinaryCodec {
    private record Codec(Function<String, byte[]> encode, Function<byte[], String> decode) {}

    private static final Codec UTF8_TEXT = new Codec(
            text -> text.getBytes(StandardCharsets.UTF_8),
            bytes -> new String(bytes, StandardCharsets.UTF_8));

    private static final Map<Integer, Codec> CODECS = Map.ofEntries(
            Map.entry(TypeOid.TEXT, UTF8_TEXT),
            Map.entry(TypeOid.VARCHAR, UTF8_TEXT),
            Map.entry(TypeOid.BPCHAR, UTF8_TEXT),
            Map.entry(TypeOid.NAME, UTF8_TEXT),
            Map.entry(TypeOid.CHAR, UTF8_TEXT),
            Map.entry(TypeOid.UNKNOWN, UTF8_TEXT),
            Map.entry(TypeOid.JSON, UTF8_TEXT),
            Map.entry(TypeOid.JSONB, new Codec(BinaryCodec::encodeJsonb, BinaryCodec::decodeJsonb)),
            Map.entry(TypeOid.BOOL, new Codec(
                    text -> new byte[] {parseBool(text) ? (byte) 1 : (byte) 0},
                    bytes -> exactly(bytes, 1).get() != 0 ? "t" : "f")),
            Map.entry(TypeOid.INT2, new Codec(
                    text -> ByteBuffer.allocate(2).putShort(Short.parseShort(text.strip())).array(),
                    bytes -> Short.toString(exactly(bytes, 2).getShort()))),
            Map.entry(TypeOid.INT4, new Codec(
                    text -> ByteBuffer.allocate(4).putInt(Integer.parseInt(text.strip())).array(),
                    bytes -> Integer.toString(exactly(bytes, 4).getInt()))),
            Map.entry(TypeOid.OID, new Codec(
                    text -> ByteBuffer.allocate(4).putInt(Integer.parseUnsignedInt(text.strip())).array(),
                    bytes -> Integer.toUnsignedString(exactly(bytes, 4).getInt()))),
            Map.entry(TypeOid.INT8, new Codec(
                    text -> ByteBuffer.allocate(8).putLong(Long.parseLong(text.strip())).array(),
                    bytes -> Long.toString(exactly(bytes, 8).getLong()))),
            Map.entry(TypeOid.FLOAT4, new Codec(
                    text -> ByteBuffer.allocate(4).putFloat(Float.parseFloat(text.strip())).array(),
                    bytes -> Float.toString(exactly(bytes, 4).getFloat()))),
            Map.entry(TypeOid.FLOAT8, new Codec(
                    text -> ByteBuffer.allocate(8).putDouble(Double.parseDouble(text.strip())).array(),
                    bytes -> Double.toString(exactly(bytes, 8).getDouble()))),
            Map.entry(TypeOid.NUMERIC, new Codec(NumericBinary::encode, NumericBinary::decode)),
            Map.entry(TypeOid.BYTEA, new Codec(ByteaText::parse, ByteaText::format)),
            Map.entry(TypeOid.UUID, new Codec(BinaryCodec::encodeUuid, BinaryCodec::decodeUuid)),
            Map.entry(TypeOid.DATE, new Codec(DateTimeBinary::encodeDate, DateTimeBinary::decodeDate)),
            Map.entry(TypeOid.TIME, new Codec(DateTimeBinary::encodeTime, DateTimeBinary::decodeTime)),
            Map.entry(TypeOid.TIMESTAMP, new Codec(
                    text -> DateTimeBinary.encodeTimestamp(text, false),
                    bytes -> DateTimeBinary.decodeTimestamp(bytes, false))),
            Map.entry(TypeOid.TIMESTAMPTZ, new Codec(
                    text -> DateTimeBinary.encodeTimestamp(text, true),
                    bytes -> DateTimeBinary.decodeTimestamp(bytes, true))));

    private BinaryCodec() {}

    static boolean supports(int typeOid) {
        return CODECS.containsKey(typeOid);
    }

    /** A result value the backend gave as text, in binary for the client. */
    static byte[] encode(int typeOid, String text) throws SqlError {
        Codec codec = codec(typeOid);
        try {
            return codec.encode().apply(text);
        } catch (RuntimeException e) {
            throw new SqlError("22P02", "cannot send value \"" + text + "\" as binary type OID " + typeOid + ": " + e.getMessage());
        }
    }

    /** A parameter the client sent in binary, as the text the backend takes. */
    static String decode(int typeOid, byte[] bytes) throws SqlError {
        Codec codec = codec(typeOid);
        try {
            return codec.decode().apply(bytes);
        } catch (RuntimeException e) {
            throw new SqlError("22P03", "incorrect binary data format for type OID " + typeOid + ": " + e.getMessage());
        }
    }

    private static Codec codec(int typeOid) throws SqlError {
        Codec codec = CODECS.get(typeOid);
        if (codec == null) {
            throw new SqlError("0A000", "binary format is not supported for type OID " + typeOid);
        }
        return codec;
    }

    private static boolean parseBool(String text) {
        switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "t", "true", "yes", "y", "on", "1": return true;
            case "f", "false", "no", "n", "off", "0": return false;
            default: throw new IllegalArgumentException("not a boolean: " + text);
        }
    }

    /** jsonb's binary form is a version byte (1) before the JSON text. */
    private static byte[] encodeJsonb(String text) {
        byte[] json = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[json.length + 1];
        out[0] = 1;
        System.arraycopy(json, 0, out, 1, json.length);
        return out;
    }

    private static String decodeJsonb(byte[] bytes) {
        if (bytes.length == 0 || bytes[0] != 1) {
            throw new IllegalArgumentException("unsupported jsonb version number");
        }
        return new String(Arrays.copyOfRange(bytes, 1, bytes.length), StandardCharsets.UTF_8);
    }

    private static byte[] encodeUuid(String text) {
        UUID u = UUID.fromString(text.strip());
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits()).array();
    }

    private static String decodeUuid(byte[] bytes) {
        ByteBuffer b = exactly(bytes, 16);
        return new UUID(b.getLong(), b.getLong()).toString();
    }

    private static ByteBuffer exactly(byte[] bytes, int n) {
        if (bytes.length != n) {
            throw new IllegalArgumentException("expected " + n + " bytes, got " + bytes.length);
        }
        return ByteBuffer.wrap(bytes);
    }
}
