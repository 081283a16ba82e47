package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes certificate and key files the way cockroach does: {@code open(O_WRONLY|O_CREAT|O_TRUNC)} with
 * the file's mode, plus {@code O_EXCL} unless {@code --overwrite}. So an existing file fails with
 * "file exists", and an overwritten file keeps the mode it already had.
 */
final class CertFileWriter {
    static final Set<PosixFilePermission> KEY_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> CERT_MODE = PosixFilePermissions.fromString("rw-r--r--");

    private CertFileWriter() {}

    /** @throws CertFailure worded as Go's open error, e.g. {@code open certs/node.key: file exists} */
    static void write(Path path, byte[] content, Set<PosixFilePermission> mode, boolean overwrite)
            throws CertFailure {
        Set<OpenOption> options = overwrite
                ? Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING)
                : Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
        SeekableByteChannel channel;
        try {
            channel = Files.newByteChannel(path, options, PosixFilePermissions.asFileAttribute(mode));
        } catch (IOException e) {
            throw new CertFailure(PathError.of("open", path, e).message());
        }
        try (channel) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            throw new CertFailure(PathError.of("write", path, e).message());
        }
    }
}
