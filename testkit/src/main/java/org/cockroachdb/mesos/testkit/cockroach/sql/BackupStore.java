package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where BACKUP writes and RESTORE reads: objects named by keys relative to the location's path.
 * Failures are IOExceptions whose messages hold no secret.
 */
interface BackupStore extends AutoCloseable {

    void put(String key, Path file) throws IOException;

    void put(String key, byte[] bytes) throws IOException;

    /** A small object's bytes, empty if there is none. */
    Optional<byte[]> get(String key) throws IOException;

    /** Copies an object into {@code file}; false if there is none. */
    boolean download(String key, Path file) throws IOException;

    /** Every key under the location, relative to it. */
    List<String> list() throws IOException;

    @Override
    void close();

    /** The store for a location: {@code s3://} or {@code nodelocal://}; 0A000 for any other scheme. */
    static BackupStore open(BackupUri uri, NodeContext context) throws SqlError {
        return switch (uri.scheme()) {
            case "s3" -> S3BackupStore.open(uri);
            // Every stand-in node sees the same external directory, so the node id in the URI does not matter.
            case "nodelocal" -> {
                Path extern = context.externalIoDir().toAbsolutePath().normalize();
                Path root = extern.resolve(uri.path()).normalize();
                if (!root.startsWith(extern)) {
                    throw new SqlError("22023", "nodelocal path " + uri.path() + " leaves the external IO directory");
                }
                yield new LocalBackupStore(root);
            }
            default -> throw new SqlError("0A000", "unsupported storage scheme: \"" + uri.scheme()
                    + "\" (the stand-in writes to s3:// and nodelocal://)");
        };
    }
}
