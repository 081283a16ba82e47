package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Backup;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Restore;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowBackups;
import org.cockroachdb.mesos.testkit.cockroach.sql.SqlResult.Column;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * BACKUP, RESTORE and SHOW BACKUPS for one database, with each release's syntax and licensing: before
 * v20.2 only with an enterprise license; v20.2 {@code TO}/{@code FROM 'uri'}; v21.1+ collections
 * ({@code INTO}, {@code FROM LATEST IN}); {@code TO}/{@code FROM 'uri'} gone in v24.3. A backup is the
 * database's {@link Dump} plus a {@link BackupManifest}; RESTORE replays the dump into a new database
 * and removes it again if anything fails, so a restore is all or nothing. The statements block until
 * done; job ids are reported but there is no jobs table.
 */
final class BackupStatements {
    private static final Logger LOG = LoggerFactory.getLogger(BackupStatements.class);

    private final H2SqlBackend backend;
    private final NodeContext context;
    private final Release release;

    BackupStatements(H2SqlBackend backend) {
        this.backend = backend;
        this.context = backend.context();
        this.release = context.release();
    }

    /** BACKUP and RESTORE answer one row; WITH detached only the job id. */
    static List<Column> jobColumns(boolean detached) {
        if (detached) {
            return List.of(new Column("job_id", PgTypes.INT8));
        }
        return List.of(new Column("job_id", PgTypes.INT8), new Column("status", PgTypes.TEXT),
                new Column("fraction_completed", PgTypes.FLOAT8), new Column("rows", PgTypes.INT8),
                new Column("index_entries", PgTypes.INT8), new Column("bytes", PgTypes.INT8));
    }

    SqlResult backup(Backup b) throws SqlError {
        licensed("BACKUP");
        syntax(b.into(), b.into() ? "into" : "to");
        if (!backend.catalog().exists(b.database())) {
            throw new SqlError("42704", "failed to resolve targets specified in the BACKUP stmt: database \""
                    + b.database() + "\" does not exist");
        }
        BackupUri uri = parse(b.uri());
        long jobId = UniqueRowId.next();
        Path dump = null;
        try (BackupStore store = BackupStore.open(uri, context)) {
            String subdirectory = "";
            if (b.into()) {
                subdirectory = freeSubdirectory(store);
            } else if (store.get(BackupCollection.MANIFEST).isPresent()) {
                throw new SqlError("XXUUU", uri.redacted() + " already contains a " + BackupCollection.MANIFEST + " file");
            }
            dump = Files.createTempFile("standin-backup-", ".sql");
            Dump.Stats stats;
            try (Connection c = backend.connect(b.database());
                 Writer w = Files.newBufferedWriter(dump, StandardCharsets.UTF_8)) {
                stats = Dump.write(c, w);
            }
            store.put(BackupCollection.key(subdirectory, BackupCollection.DATA), dump);
            BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, b.database(), stats.tables(), stats.rows(),
                    stats.indexEntries(), stats.bytes(), Instant.now().toString(), release.tag(), jobId);
            store.put(BackupCollection.key(subdirectory, BackupCollection.MANIFEST), manifest.toJson());
            if (b.into()) {
                store.put(BackupCollection.LATEST, subdirectory.getBytes(StandardCharsets.UTF_8));
            }
            LOG.info("BACKUP DATABASE {} to {}{}: {} rows", b.database(), uri.redacted(),
                    subdirectory.isEmpty() ? "" : " (" + subdirectory + ")", stats.rows());
            return job("BACKUP", jobId, b.detached(), manifest);
        } catch (IOException e) {
            throw new SqlError("XX000", "failed to write backup to " + uri.redacted() + ": " + uri.scrub(e.getMessage()));
        } catch (SQLException e) {
            throw SqlErrors.fromH2(e);
        } finally {
            deleteQuietly(dump);
        }
    }

    SqlResult restore(Restore r) throws SqlError {
        licensed("RESTORE");
        syntax(r.subdir().isPresent(), r.subdir().isPresent() ? "in" : "from");
        if (backend.catalog().exists(r.database())) {
            throw SqlErrors.databaseAlreadyExists(r.database());
        }
        BackupUri uri = parse(r.uri());
        long jobId = UniqueRowId.next();
        Path dump = null;
        try (BackupStore store = BackupStore.open(uri, context)) {
            String subdirectory = r.subdir().isEmpty() ? "" : resolve(store, r.subdir().get(), uri);
            byte[] manifestJson = store.get(BackupCollection.key(subdirectory, BackupCollection.MANIFEST))
                    .orElseThrow(() -> new SqlError("XX000", "no completed backup found at " + uri.redacted()
                            + (subdirectory.isEmpty() ? "" : " in " + subdirectory)));
            BackupManifest manifest = BackupManifest.fromJson(manifestJson);
            if (!manifest.database().equals(r.database())) {
                throw new SqlError("42704", "database \"" + r.database() + "\" does not exist in the backup (it holds \""
                        + manifest.database() + "\")");
            }
            dump = Files.createTempFile("standin-restore-", ".sql");
            if (!store.download(BackupCollection.key(subdirectory, BackupCollection.DATA), dump)) {
                throw new SqlError("XX000", "backup at " + uri.redacted() + " has no data file");
            }
            replay(r.database(), Files.readString(dump, StandardCharsets.UTF_8));
            LOG.info("RESTORE DATABASE {} from {}{}: {} rows", r.database(), uri.redacted(),
                    subdirectory.isEmpty() ? "" : " (" + subdirectory + ")", manifest.rows());
            return job("RESTORE", jobId, r.detached(), manifest);
        } catch (IOException e) {
            throw new SqlError("XX000", "failed to read backup from " + uri.redacted() + ": " + uri.scrub(e.getMessage()));
        } finally {
            deleteQuietly(dump);
        }
    }

    SqlResult showBackups(ShowBackups s) throws SqlError {
        if (!release.hasBackupCollections()) {
            throw SqlErrors.syntax("backups");
        }
        BackupUri uri = parse(s.uri());
        try (BackupStore store = BackupStore.open(uri, context)) {
            List<List<String>> rows = new ArrayList<>();
            for (String backup : BackupCollection.backups(store.list())) {
                rows.add(List.of(backup));
            }
            return new SqlResult(List.of(new Column("path", PgTypes.TEXT)), rows, "SHOW BACKUPS " + rows.size());
        } catch (IOException e) {
            throw new SqlError("XX000", "failed to list backups in " + uri.redacted() + ": " + uri.scrub(e.getMessage()));
        }
    }

    // ---------------------------------------------------------------- pieces

    /** Before v20.2 BACKUP and RESTORE are enterprise features: allowed only with a license set. */
    private void licensed(String statement) throws SqlError {
        if (!release.hasCoreBackup() && ClusterSettings.show(context, "enterprise.license").isEmpty()) {
            throw new SqlError("XXC01", "use of " + statement + " requires an enterprise license");
        }
    }

    /** Collections ({@code INTO}, {@code ... IN}) from v21.1; {@code TO}/{@code FROM 'uri'} until v24.3. */
    private void syntax(boolean collection, String keyword) throws SqlError {
        if (collection && !release.hasBackupCollections()) {
            throw SqlErrors.syntax(keyword);
        }
        if (!collection && release.atLeast(24, 3)) {
            throw new SqlError("0A000", "the BACKUP TO and RESTORE FROM <uri> syntax is no longer supported; "
                    + "use BACKUP INTO and RESTORE FROM LATEST IN");
        }
    }

    private static BackupUri parse(String uri) throws SqlError {
        try {
            return BackupUri.parse(uri);
        } catch (IllegalArgumentException e) {
            throw new SqlError("22023", e.getMessage());
        }
    }

    /** A new subdirectory named by the time; two backups in the same hundredth of a second get the next one. */
    private static String freeSubdirectory(BackupStore store) throws IOException {
        List<String> existing = BackupCollection.backups(store.list());
        Instant t = Instant.now();
        String name = BackupCollection.subdirectory(t);
        while (existing.contains(name) || (!existing.isEmpty() && name.compareTo(existing.get(existing.size() - 1)) <= 0)) {
            t = t.plusMillis(10);
            name = BackupCollection.subdirectory(t);
        }
        return name;
    }

    /** LATEST, or a named subdirectory. */
    private static String resolve(BackupStore store, String subdir, BackupUri uri) throws IOException, SqlError {
        if (!subdir.equalsIgnoreCase("LATEST")) {
            return BackupCollection.normalize(subdir);
        }
        Optional<byte[]> latest = store.get(BackupCollection.LATEST);
        if (latest.isEmpty()) {
            throw new SqlError("XX000", "path does not contain a completed latest backup: " + uri.redacted());
        }
        return BackupCollection.normalize(new String(latest.get(), StandardCharsets.UTF_8));
    }

    /** Creates the database and runs the dump in it; on any failure the database is removed again. */
    private void replay(String database, String script) throws SqlError {
        if (!backend.catalog().create(database)) {
            throw SqlErrors.databaseAlreadyExists(database);
        }
        try (H2SqlSession session = new H2SqlSession(backend, "root", database, Map.of())) {
            for (String statement : SqlStatements.split(script)) {
                session.execute(statement, List.of());
            }
        } catch (SqlError e) {
            H2SqlSession.drop(backend, database);
            throw new SqlError(e.sqlState(), "restore failed: " + e.getMessage());
        } catch (RuntimeException e) {
            H2SqlSession.drop(backend, database);
            throw e;
        }
    }

    private static SqlResult job(String statement, long jobId, boolean detached, BackupManifest m) {
        List<String> row = detached ? List.of(String.valueOf(jobId))
                : List.of(String.valueOf(jobId), "succeeded", "1", String.valueOf(m.rows()), String.valueOf(m.indexEntries()),
                        String.valueOf(m.bytes()));
        return new SqlResult(jobColumns(detached), List.of(row), statement + " 1");
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                // a temp file; the OS cleans up
            }
        }
    }
}
