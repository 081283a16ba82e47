package org.cockroachdb.mesos.executor.job.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Optional;
import org.cockroachdb.mesos.executor.cockroach.VersionFamily;
import org.cockroachdb.mesos.executor.job.JobFailure;
import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.junit.jupiter.api.Test;

/** The pure parts: statements per family, object layout, URIs with encoded secrets, redaction, the restore decision. */
class BackupRulesTest {
    static final AwsCredentials CREDENTIALS = new AwsCredentials("AKID", "se/cr+et=", Optional.of("to ken"));

    static JobSpec.Backup backup(String s3Dir, VersionFamily family) {
        return new JobSpec.Backup("cockroach", "node-0:26257", "bank", "my-bucket", s3Dir, "2024-01-01", "eu-west-1",
                Optional.of("http://minio:9000"), JobSpec.BackupMode.NATIVE, family, LaunchSpec.SecurityMode.INSECURE);
    }

    @Test
    void statementsFollowTheFamily() throws Exception {
        assertThat(BackupStatements.backup(VersionFamily.V23_1, "bank", "s3://b/p?x=1"))
                .isEqualTo("BACKUP DATABASE bank INTO 's3://b/p?x=1' AS OF SYSTEM TIME '-10s'");
        assertThat(BackupStatements.backup(VersionFamily.V20_2, "bank", "s3://b/p"))
                .isEqualTo("BACKUP DATABASE bank TO 's3://b/p'");
        assertThat(BackupStatements.restore(VersionFamily.V23_1, "bank", "s3://b/p"))
                .isEqualTo("RESTORE DATABASE bank FROM LATEST IN 's3://b/p'");
        assertThat(BackupStatements.restore(VersionFamily.V20_2, "bank", "s3://b/it's"))
                .isEqualTo("RESTORE DATABASE bank FROM 's3://b/it''s'");
        assertThatThrownBy(() -> BackupStatements.backup(VersionFamily.V2_1, "bank", "s3://b/p"))
                .isInstanceOf(JobFailure.class).hasMessage("native backup needs v20.2 or later; use --mode dump");
        assertThatThrownBy(() -> BackupStatements.restore(VersionFamily.V2_1, "bank", "s3://b/p"))
                .hasMessage("native backup needs v20.2 or later; use --mode dump");
    }

    @Test
    void objectsLiveUnderTheServiceDirAndTheBackupDir() {
        BackupLocation nested = BackupLocation.of(backup("svc/prod", VersionFamily.V23_1));
        assertThat(nested.dumpKey()).isEqualTo("svc/prod/2024-01-01/bank.sql");
        assertThat(nested.manifestKey()).isEqualTo("svc/prod/2024-01-01/manifest.json");
        assertThat(nested.display()).isEqualTo("s3://my-bucket/svc/prod/2024-01-01");
        assertThat(BackupLocation.of(backup("", VersionFamily.V23_1)).dumpKey()).isEqualTo("2024-01-01/bank.sql");
    }

    @Test
    void theCockroachUriCarriesEncodedCredentialsAndMessagesNever() {
        JobSpec.Backup spec = backup("svc", VersionFamily.V23_1);
        String uri = BackupLocation.of(spec).cockroachUri(spec, CREDENTIALS);
        assertThat(uri).isEqualTo("s3://my-bucket/svc/2024-01-01?AWS_ACCESS_KEY_ID=AKID&AWS_SECRET_ACCESS_KEY=se%2Fcr%2Bet%3D"
                + "&AWS_SESSION_TOKEN=to+ken&AWS_REGION=eu-west-1&AWS_ENDPOINT=http%3A%2F%2Fminio%3A9000");
        assertThat(CREDENTIALS.redact("failed: " + uri + " (secret se/cr+et=, token to ken)"))
                .doesNotContain("se%2Fcr").doesNotContain("se/cr").doesNotContain("to+ken").doesNotContain("to ken")
                .contains("AWS_ACCESS_KEY_ID=AKID");
        assertThat(CREDENTIALS.toString()).doesNotContain("se/cr").doesNotContain("to ken");
    }

    @Test
    void credentialsComeFromTheEnvironmentOnly() throws Exception {
        assertThat(AwsCredentials.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "a", "AWS_SECRET_ACCESS_KEY", "s")))
                .isEqualTo(new AwsCredentials("a", "s", Optional.empty()));
        assertThatThrownBy(() -> AwsCredentials.fromEnvironment(Map.of("AWS_ACCESS_KEY_ID", "a")))
                .hasMessageStartingWith("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set");
    }

    @Test
    void aRestoreReplacesADatabaseWithTablesOnlyWhenForced() {
        RestoreTarget.Existing none = RestoreTarget.Existing.NONE;
        RestoreTarget.Existing empty = RestoreTarget.Existing.EMPTY;
        RestoreTarget.Existing full = RestoreTarget.Existing.NOT_EMPTY;
        assertThat(RestoreTarget.decide(none, false, true)).contains(RestoreTarget.USE);
        assertThat(RestoreTarget.decide(empty, false, false)).contains(RestoreTarget.USE);
        assertThat(RestoreTarget.decide(empty, false, true)).contains(RestoreTarget.DROP_FIRST); // RESTORE wants none
        assertThat(RestoreTarget.decide(full, false, false)).isEmpty();
        assertThat(RestoreTarget.decide(full, false, true)).isEmpty();
        assertThat(RestoreTarget.decide(full, true, false)).contains(RestoreTarget.DROP_FIRST);
    }
}
