package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which CockroachDB databases exist, shared by every node process of a cluster through the cluster's
 * SQL directory: an empty marker file per database under {@code databases/}, and the database's H2
 * files under {@code h2/}. Markers rather than the H2 files decide existence because another process
 * may hold a dropped database's H2 file open; a dropped database is emptied, and its file is reused
 * if the name is created again.
 */
final class DatabaseCatalog {
    /** Names become file names; CockroachDB's defaults and ordinary identifiers fit. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$-]{0,62}");
    static final List<String> BUILT_IN = List.of("defaultdb", "postgres", "system");

    /**
     * H2 as CockroachDB-like as it gets, and shareable: the first process to open a file serves it to
     * the others over TCP (AUTO_SERVER), a survivor takes over when that process dies (AUTO_RECONNECT),
     * and every commit is written before it returns so a SIGKILL loses nothing committed (WRITE_DELAY=0;
     * H2's default delay lost a whole second of commits in a test). NULLs sort first, as in CockroachDB (unlike PostgreSQL). Words
     * H2 reserves but CockroachDB does not ({@code day}, {@code key}, {@code value}, ...) stay usable as names.
     */
    private static final String SETTINGS = ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=LOW"
            + ";NON_KEYWORDS=DAY,HOUR,MINUTE,SECOND,MONTH,YEAR,KEY,VALUE,TOP,ROWNUM,MINUS,QUALIFY,REGEXP"
            + ";AUTO_SERVER=TRUE;AUTO_RECONNECT=TRUE;WRITE_DELAY=0";

    private final Path markers;
    private final Path files;

    DatabaseCatalog(Path sqlDataDir) {
        Path root = sqlDataDir.toAbsolutePath();
        this.markers = root.resolve("databases");
        this.files = root.resolve("h2");
        try {
            Files.createDirectories(files);
            initialize(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the SQL data directory " + root, e);
        }
    }

    /** Creates the built-in databases exactly once per cluster, even when several nodes start together. */
    private void initialize(Path root) throws IOException {
        if (Files.isDirectory(markers)) {
            return;
        }
        Path staging = Files.createDirectory(root.resolve("databases." + UUID.randomUUID() + ".tmp"));
        for (String name : BUILT_IN) {
            Files.createFile(staging.resolve(name));
        }
        try {
            Files.move(staging, markers, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileSystemException e) {
            if (!Files.isDirectory(markers)) {
                throw e;
            }
            // Another node got there first.
            try (Stream<Path> s = Files.list(staging)) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(staging);
        }
    }

    static boolean validName(String name) {
        return NAME.matcher(name).matches();
    }

    boolean exists(String name) {
        return validName(name) && Files.exists(markers.resolve(name));
    }

    /** False if it already exists. */
    boolean create(String name) {
        try {
            Files.createFile(markers.resolve(name));
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** False if it did not exist. */
    boolean remove(String name) {
        try {
            Files.delete(markers.resolve(name));
            return true;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> names() {
        try (Stream<Path> s = Files.list(markers)) {
            return s.map(p -> p.getFileName().toString()).filter(DatabaseCatalog::validName).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String jdbcUrl(String name) {
        return "jdbc:h2:file:" + files.resolve(name) + SETTINGS;
    }
}
