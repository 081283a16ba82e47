package org.cockroachdb.mesos.executor.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cockroachdb.mesos.executor.cockroach.VersionFamily;

/**
 * What a job task runs: a one-shot action beside the nodes (decommission a node, back up a
 * database, ...). It travels in the TaskInfo's data like a {@link LaunchSpec}; a top-level
 * {@code "job"} field tells the two apart. The job's outcome is the task's terminal state.
 */
public sealed interface JobSpec {
    /** The JSON field naming the job's kind; a launch spec never has it. */
    String KIND_FIELD = "job";

    /** {@code cockroach <args>}, run once: exit 0 is TASK_FINISHED, anything else TASK_FAILED with the stderr tail. */
    record CockroachCommand(String cockroachBinary, List<String> args) implements JobSpec {
        static final String KIND = "cockroach";

        public CockroachCommand {
            Objects.requireNonNull(cockroachBinary, "cockroachBinary");
            args = List.copyOf(args);
        }
    }

    /** How a database is backed up: SQL text from a dump, or cockroach's own BACKUP (v20.2+). */
    enum BackupMode { DUMP, NATIVE }

    /**
     * What a backup and a restore share: where the cluster is and where the backup lives. Credentials
     * are not here: the TaskInfo is stored in ZooKeeper, so they travel only as the task's environment
     * variables {@code AWS_ACCESS_KEY_ID}, {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN}.
     */
    sealed interface BackupOrRestore extends JobSpec permits Backup, Restore {
        /** path of the cockroach binary; relative means relative to the sandbox */
        String cockroachBinary();

        /** {@code host:port} of a live node's SQL/RPC port */
        String host();

        /** the database's name: lower-case letters, digits and {@code _} */
        String database();

        String bucket();

        /** the service's folder in the bucket, {@code a/b} ({@code ""} for the bucket's top) */
        String s3Dir();

        /** this backup's folder below {@link #s3Dir()}, one path segment */
        String backupDir();

        String region();

        /** an S3-compatible store's URL ({@code http(s)://host:port}); path-style addressing then */
        Optional<String> endpoint();

        BackupMode mode();

        VersionFamily versionFamily();

        LaunchSpec.SecurityMode security();
    }

    /** Backs {@code database} up to {@code s3://bucket/<s3Dir>/<backupDir>}. */
    record Backup(String cockroachBinary, String host, String database, String bucket, String s3Dir, String backupDir,
                  String region, Optional<String> endpoint, BackupMode mode, VersionFamily versionFamily,
                  LaunchSpec.SecurityMode security) implements BackupOrRestore {
        static final String KIND = "backup";

        public Backup {
            BackupFields.check(cockroachBinary, host, database, bucket, s3Dir, backupDir, region, endpoint, mode,
                    versionFamily, security);
        }
    }

    /**
     * Restores {@code database} from {@code s3://bucket/<s3Dir>/<backupDir>}; over an existing
     * non-empty database only with {@code force} (which drops it first).
     */
    record Restore(String cockroachBinary, String host, String database, String bucket, String s3Dir, String backupDir,
                   String region, Optional<String> endpoint, BackupMode mode, VersionFamily versionFamily,
                   LaunchSpec.SecurityMode security, boolean force) implements BackupOrRestore {
        static final String KIND = "restore";

        public Restore {
            BackupFields.check(cockroachBinary, host, database, bucket, s3Dir, backupDir, region, endpoint, mode,
                    versionFamily, security);
        }
    }

    /** Whether a TaskInfo's data describes a job rather than a node. */
    static boolean describesJob(byte[] data) {
        try {
            JsonNode root = JobSpecJson.MAPPER.readTree(data == null ? new byte[0] : data);
            return root != null && root.isObject() && root.has(KIND_FIELD);
        } catch (IOException e) {
            return false;
        }
    }

    static JobSpec fromJson(byte[] data) {
        return JobSpecJson.read(data);
    }

    default byte[] toJson() {
        return JobSpecJson.write(this);
    }
}

