package org.cockroachdb.mesos.cli.command;

import java.util.Map;
import java.util.concurrent.Callable;
import org.cockroachdb.mesos.cli.backup.JobParameters;
import org.cockroachdb.mesos.cli.backup.S3Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code restore [flags] <database> <s3-bucket> <s3-backup-dir>}: runs the scheduler's restore plan and follows it. */
@Command(name = "restore", description = "Restore a database from a backup in S3 (the scheduler's restore plan) and"
        + " follow the job's progress until it ends.")
final class RestoreCommand implements Callable<Integer> {
    static final String PLAN = "restore";

    private final Invocation invocation;

    @Parameters(index = "0", paramLabel = "DATABASE")
    String database;

    @Parameters(index = "1", paramLabel = "S3_BUCKET")
    String bucket;

    @Parameters(index = "2", paramLabel = "S3_BACKUP_DIR", description = "The backup's folder under --s3-dir.")
    String backupDir;

    @Option(names = "--force", description = "Restore even if the database exists and holds tables.")
    boolean force;

    @Mixin
    S3Flags s3;

    @Mixin
    JsonFlag json;

    RestoreCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        S3Settings settings = s3.settings(invocation.env());
        Map<String, String> parameters = JobParameters.restore(database, bucket, backupDir, force, settings);
        String source = "s3://" + bucket + "/" + settings.s3Dir() + "/" + backupDir;
        return JobRun.run(invocation, PLAN, parameters, settings.secrets(),
                "Restore of database " + database + " from " + source + " started.", s3, json.json);
    }
}
