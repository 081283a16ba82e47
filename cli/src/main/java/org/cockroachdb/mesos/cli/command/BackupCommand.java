package org.cockroachdb.mesos.cli.command;

import java.util.Map;
import java.util.concurrent.Callable;
import org.cockroachdb.mesos.cli.backup.JobParameters;
import org.cockroachdb.mesos.cli.backup.S3Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code backup [flags] <database> <s3-bucket>}: runs the scheduler's backup plan and follows it. */
@Command(name = "backup", description = "Back a database up to S3 (the scheduler's backup plan) and follow the"
        + " job's progress until it ends.")
final class BackupCommand implements Callable<Integer> {
    static final String PLAN = "backup";

    private final Invocation invocation;

    @Parameters(index = "0", paramLabel = "DATABASE")
    String database;

    @Parameters(index = "1", paramLabel = "S3_BUCKET")
    String bucket;

    @Option(names = {"-l", "--s3-backup-dir"}, paramLabel = "DIR",
            description = "This backup's folder under --s3-dir (default: local time, yyyy-MM-dd_HH:mm:ss).")
    String backupDir;

    @Mixin
    S3Flags s3;

    @Mixin
    JsonFlag json;

    BackupCommand(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public Integer call() {
        S3Settings settings = s3.settings(invocation.env());
        Map<String, String> parameters = JobParameters.backup(database, bucket, backupDir, settings, invocation.clock());
        String target = "s3://" + bucket + "/" + settings.s3Dir() + "/" + parameters.get("BACKUP_DIR");
        return JobRun.run(invocation, PLAN, parameters, settings.secrets(),
                "Backup of database " + database + " to " + target + " started.", s3, json.json);
    }
}
