package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * A failed file operation worded as Go's {@code *os.PathError} ({@code open certs/node.crt: file exists}),
 * because cockroach's certificate errors end with that text.
 */
record PathError(String op, Path path, String reason) {

    static PathError of(String op, Path path, IOException e) {
        return new PathError(op, path, reason(e));
    }

    String message() {
        return op + " " + path + ": " + reason;
    }

    private static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException) {
            return "file exists";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NotDirectoryException) {
            return "not a directory";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason().toLowerCase(Locale.ROOT); // "Is a directory" from the OS -> Go's wording
        }
        return String.valueOf(e.getMessage());
    }
}
