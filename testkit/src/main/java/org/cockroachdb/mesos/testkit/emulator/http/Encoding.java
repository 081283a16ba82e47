package org.cockroachdb.mesos.testkit.emulator.http;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.cockroachdb.mesos.http.MediaTypes;

/** Mesos's two encodings. JSON follows stout: snake_case proto names, unknown keys ignored. */
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
     * The response encoding for an {@code Accept} header: absent or {@code *}/{@code *} means JSON;
     * empty when the header allows neither type (406).
     */
    public static Optional<Encoding> ofAccept(String accept) {
        if (accept == null || accept.isBlank()) {
            return Optional.of(JSON);
        }
        boolean any = false;
        for (String part : accept.split(",")) {
            String type = part.split(";")[0].trim();
            if (type.equals(PROTOBUF.mediaType)) {
                return Optional.of(PROTOBUF);
            }
            if (type.equals(JSON.mediaType)) {
                return Optional.of(JSON);
            }
            if (type.equals("*/*") || type.equals("application/*")) {
                any = true;
            }
        }
        return any ? Optional.of(JSON) : Optional.empty();
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
            PARSER.merge(new String(body, StandardCharsets.UTF_8), into);
        }
    }
}
