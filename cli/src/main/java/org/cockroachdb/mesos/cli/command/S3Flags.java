package org.cockroachdb.mesos.cli.command;

import java.util.Map;
import org.cockroachdb.mesos.cli.backup.S3Settings;
import picocli.CommandLine.Option;

/** The S3 flags backup and restore share (the original CLI's, plus --endpoint and --mode). */
final class S3Flags {
    @Option(names = {"-k", "--aws-access-key"}, paramLabel = "KEY",
            description = "AWS access key id (default: AWS_ACCESS_KEY_ID).")
    String accessKey;

    @Option(names = {"-s", "--aws-secret-key"}, paramLabel = "SECRET",
            description = "AWS secret access key (default: AWS_SECRET_ACCESS_KEY). Never printed.")
    String secretKey;

    @Option(names = {"-p", "--s3-dir"}, paramLabel = "DIR",
            description = "Folder in the bucket that holds the backups (default " + S3Settings.DEFAULT_S3_DIR + ").")
    String s3Dir;

    @Option(names = {"-r", "--region"}, paramLabel = "REGION",
            description = "AWS region (default " + S3Settings.DEFAULT_REGION + ").")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL",
            description = "An S3-compatible store's URL, e.g. http://minio.local:9000 (default: AWS S3).")
    String endpoint;

    @Option(names = "--mode", paramLabel = "MODE",
            description = "dump (SQL dump files), native (cockroach BACKUP/RESTORE) or auto (default: native when"
                    + " the cluster's version has it).")
    String mode;

    @Option(names = "--no-wait", description = "Return once the scheduler accepted the job, without following it.")
    boolean noWait;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between progress polls (default ${DEFAULT-VALUE}).")
    double interval;

    S3Settings settings(Map<String, String> env) {
        return S3Settings.of(accessKey, secretKey, s3Dir, region, endpoint, mode, env);
    }
}
