package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.Optional;

/**
 * The statements the engine answers itself rather than handing to H2: CockroachDB's own (cluster
 * settings, databases, BACKUP/RESTORE, node id) and the session and transaction control statements
 * whose state the session keeps.
 */
sealed interface CockroachStatement {

    record NodeId() implements CockroachStatement {}

    record Version() implements CockroachStatement {}

    record ShowClusterSetting(String name) implements CockroachStatement {}

    /** {@code value} empty: RESET CLUSTER SETTING, or SET ... = DEFAULT. */
    record SetClusterSetting(String name, Optional<String> value) implements CockroachStatement {}

    record CreateDatabase(String name, boolean ifNotExists) implements CockroachStatement {}

    record DropDatabase(String name, boolean ifExists, boolean restrict) implements CockroachStatement {}

    record ShowDatabases() implements CockroachStatement {}

    record ShowTables(Optional<String> database) implements CockroachStatement {}

    record ShowCreateTable(String table) implements CockroachStatement {}

    /** {@code USE db}, {@code SET database = db}. */
    record UseDatabase(String name) implements CockroachStatement {}

    /** {@code SET name = value} for a session variable other than the database. */
    record SetVariable(String name, String value) implements CockroachStatement {}

    record ShowVariable(String name) implements CockroachStatement {}

    record Begin() implements CockroachStatement {}

    record Commit() implements CockroachStatement {}

    record Rollback() implements CockroachStatement {}

    /** {@code ROLLBACK TO SAVEPOINT x}: the one statement besides ROLLBACK a failed transaction accepts. */
    record RollbackToSavepoint(String sql) implements CockroachStatement {}

    /**
     * {@code BACKUP DATABASE db INTO 'uri'} ({@code into} true, v21.1+ collections) or
     * {@code BACKUP DATABASE db TO 'uri'} (v20.2).
     */
    record Backup(String database, String uri, boolean into, boolean detached) implements CockroachStatement {}

    /**
     * {@code RESTORE DATABASE db FROM LATEST IN 'uri'} / {@code FROM 'subdir' IN 'uri'} ({@code subdir}
     * present, "LATEST" for the newest), or {@code RESTORE DATABASE db FROM 'uri'} (v20.2, no subdir).
     */
    record Restore(String database, String uri, Optional<String> subdir, boolean detached) implements CockroachStatement {}

    record ShowBackups(String uri) implements CockroachStatement {}

    /** A statement this recognizer could not read; reported as a syntax error near {@code near}. */
    record Malformed(String near) implements CockroachStatement {}

    /** A form of a CockroachDB statement the stand-in does not implement (cluster backups, incrementals). */
    record Unsupported(String what) implements CockroachStatement {}
}
