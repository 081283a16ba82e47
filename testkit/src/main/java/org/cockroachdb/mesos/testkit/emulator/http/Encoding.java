package org.cockroachdb.mesos.testkit.emulator.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.cockroachdb.mesos.http.MediaTypes;

/** Mesos's two encodings. JSON follows stout: snake_case proto names only, unknown keys (camelCase too) ignored. */
public enum Encoding {
    PROTOBUF(MediaTypes.PROTOBUF),
    JSON(MediaTypes.JSON);

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().preservingProtoFieldNames().omittingInsignificantWhitespace();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

    public final String mediaType;

    Encoding(String mediaType) {
        this.mediaType = mediaType;
    }

    /** Content-Type is compared as an exact string, as the master does. */
    public static Optional<Encoding> ofContentType(String contentType) {
        for (Encoding e : values()) {
            if (e.mediaType.equals(contentType)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    /**
     * The response encoding for an {@code Accept} header, chosen as the master chooses it: JSON
     * whenever JSON is acceptable (even if protobuf is listed first), else protobuf; empty when the
     * header allows neither (406). An absent header accepts everything, hence JSON.
     */
    public static Optional<Encoding> ofAccept(String accept) {
        if (accepts(accept, JSON.mediaType)) {
            return Optional.of(JSON);
        }
        if (accepts(accept, PROTOBUF.mediaType)) {
            return Optional.of(PROTOBUF);
        }
        return Optional.empty();
    }

    /**
     * libprocess's {@code Request::acceptsMediaType}: the most specific range that names the type
     * ({@code type/subtype}, then {@code type/*}, then {@code *}{@code /*}) decides, and accepts unless
     * its {@code q} is 0 (a malformed q also refuses). A present but empty header accepts nothing.
     */
    static boolean accepts(String accept, String mediaType) {
        if (accept == null) {
            return true;
        }
        String header = accept.replace(" ", "").replace("\t", "").replace("\n", "");
        String[] candidates = {mediaType, mediaType.substring(0, mediaType.indexOf('/')) + "/*", "*/*"};
        for (String candidate : candidates) {
            for (String range : header.split(",")) {
                String[] parts = range.split(";");
                if (parts.length > 0 && parts[0].equalsIgnoreCase(candidate)) {
                    return qAboveZero(parts);
                }
            }
        }
        return false;
    }

    private static boolean qAboveZero(String[] parts) {
        String q = null;
        int qs = 0;
        for (int i = 1; i < parts.length; i++) {
            String[] kv = parts[i].split("=", -1);
            if (kv[0].equals("q")) {
                qs++;
                q = kv.length == 2 ? kv[1] : null;
            }
        }
        if (qs != 1 || q == null) {
            return true; // no q value, or a malformed one: libprocess accepts
        }
        try {
            return Double.parseDouble(q) > 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    public byte[] encode(Message message) {
        if (this == PROTOBUF) {
            return message.toByteArray();
        }
        try {
            return PRINTER.print(message).getBytes(StandardCharsets.UTF_8);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("cannot print " + message.getDescriptorForType().getName() + " as JSON", e);
        }
    }

    /** Parses a body into a builder; the builder is left partially filled on error. */
    public void decode(byte[] body, Message.Builder into) throws InvalidProtocolBufferException {
        if (this == PROTOBUF) {
            into.mergeFrom(body);
        } else {
            PARSER.merge(StoutJson.keepProtoNamesOnly(new String(body, StandardCharsets.UTF_8), into.getDescriptorForType()), into);
        }
    }

    /**
     * Decodes a Call as the master and agent do, or says why not with their 400 text: a protobuf
     * body missing a required field fails to parse at all (C++ {@code ParseFromString} checks
     * them); JSON is converted by stout, which names the missing fields.
     */
    public Optional<String> decodeCall(byte[] body, Message.Builder into) {
        if (this == PROTOBUF) {
            try {
                into.mergeFrom(body);
            } catch (InvalidProtocolBufferException e) {
                return Optional.of("Failed to parse body into Call protobuf");
            }
            return into.isInitialized() ? Optional.empty() : Optional.of("Failed to parse body into Call protobuf");
        }
        StoutJson.Prepared json;
        try {
            json = StoutJson.prepare(new String(body, StandardCharsets.UTF_8), into.getDescriptorForType());
        } catch (InvalidProtocolBufferException e) {
            return Optional.of("Failed to parse body into JSON: " + e.getMessage());
        }
        if (!json.missingRequired().isEmpty()) {
            return Optional.of("Failed to convert JSON into Call protobuf: Missing required fields: "
                    + String.join(", ", json.missingRequired()));
        }
        try {
            PARSER.merge(json.json(), into);
        } catch (InvalidProtocolBufferException e) {
            return Optional.of("Failed to convert JSON into Call protobuf: " + e.getMessage());
        }
        if (!into.isInitialized()) { // a required field the walk above cannot see (inside a map value)
            return Optional.of("Failed to convert JSON into Call protobuf: Missing required fields: "
                    + String.join(", ", into.findInitializationErrors()));
        }
        return Optional.empty();
    }
}
