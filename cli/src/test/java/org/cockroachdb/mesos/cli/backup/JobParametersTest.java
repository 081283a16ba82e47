package org.cockroachdb.mesos.cli.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.cockroachdb.mesos.cli.CliFailure;
import org.junit.jupiter.api.Test;

class JobParametersTest {
    private static final Clock NOON = Clock.fixed(Instant.parse("2024-05-01T12:34:56Z"), ZoneId.of("UTC"));
    private static final Map<String, String> AWS_ENV = Map.of("AWS_ACCESS_KEY_ID", "AKIA", "AWS_SECRET_ACCESS_KEY", "shh");

    @Test
    void backupDefaultsAreTheOriginalOnes() {
        S3Settings s3 = S3Settings.of(null, null, null, null, null, null, AWS_ENV);
        assertThat(JobParameters.backup("bank", "my-bucket", null, s3, NOON)).isEqualTo(Map.of(
                "DATABASE_NAME", "bank",
                "S3_BUCKET_NAME", "my-bucket",
                "S3_DIR_PATH", "cockroach-backups",
                "BACKUP_DIR", "2024-05-01_12:34:56",
                "AWS_DEFAULT_REGION", "us-west-1",
                "AWS_ACCESS_KEY_ID", "AKIA",
                "AWS_SECRET_ACCESS_KEY", "shh",
                "BACKUP_MODE", "auto"));
    }

    @Test
    void flagsWinOverTheEnvironmentAndAddEndpointSessionTokenAndMode() {
        Map<String, String> env = Map.of("AWS_ACCESS_KEY_ID", "env", "AWS_SECRET_ACCESS_KEY", "env",
                "AWS_SESSION_TOKEN", "tok");
        S3Settings s3 = S3Settings.of("AK", "SK", "/backups/crdb/", "eu-west-1", "http://127.0.0.1:9000/", "native", env);
        Map<String, String> p = JobParameters.restore("bank", "b-1", "2024-05-01_12:34:56", true, s3);
        assertThat(p).containsEntry("AWS_ACCESS_KEY_ID", "AK").containsEntry("AWS_SECRET_ACCESS_KEY", "SK")
                .containsEntry("AWS_SESSION_TOKEN", "tok").containsEntry("S3_DIR_PATH", "backups/crdb")
                .containsEntry("AWS_DEFAULT_REGION", "eu-west-1").containsEntry("S3_ENDPOINT", "http://127.0.0.1:9000")
                .containsEntry("BACKUP_MODE", "native").containsEntry("RESTORE_FORCE", "true")
                .containsEntry("BACKUP_DIR", "2024-05-01_12:34:56");
        assertThat(s3.secrets()).containsExactlyInAnyOrder("SK", "tok");
        assertThat(s3.toString()).doesNotContain("SK").doesNotContain("tok");
    }

    @Test
    void missingCredentialsNameTheFlagAndTheVariable() {
        assertThatThrownBy(() -> S3Settings.of(null, "s", null, null, null, null, Map.of()))
                .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(f.exitCode()).isEqualTo(2))
                .hasMessage("no AWS access key: pass -k/--aws-access-key or set AWS_ACCESS_KEY_ID");
        assertThatThrownBy(() -> S3Settings.of("a", null, null, null, null, null, Map.of()))
                .hasMessage("no AWS secret key: pass -s/--aws-secret-key or set AWS_SECRET_ACCESS_KEY");
    }

    @Test
    void badValuesAreUsageErrorsNamingTheFieldAndWhatIsAccepted() {
        assertThatThrownBy(() -> S3Settings.of("a", "s", null, null, null, "fast", Map.of()))
                .hasMessage("--mode must be dump, native or auto, got 'fast'");
        assertThatThrownBy(() -> S3Settings.of("a", "s", null, "US West", null, null, Map.of()))
                .hasMessageStartingWith("--region must be an AWS region");
        assertThatThrownBy(() -> S3Settings.of("a", "s", null, null, "minio:9000", null, Map.of()))
                .hasMessageStartingWith("--endpoint must be an http:// or https:// URL");
        S3Settings s3 = S3Settings.of("a", "s", null, null, null, null, Map.of());
        assertThatThrownBy(() -> JobParameters.backup("1bank", "bucket", null, s3, NOON))
                .hasMessageStartingWith("the database must be a CockroachDB database name");
        assertThatThrownBy(() -> JobParameters.backup("bank", "b", null, s3, NOON))
                .hasMessageStartingWith("the S3 bucket must be a bucket name");
        assertThatThrownBy(() -> JobParameters.backup("bank", "bucket", "a/b", s3, NOON))
                .hasMessageStartingWith("--s3-backup-dir must be one folder name");
    }
}
