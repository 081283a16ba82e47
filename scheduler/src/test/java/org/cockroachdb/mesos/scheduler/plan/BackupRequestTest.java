package org.cockroachdb.mesos.scheduler.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.cockroachdb.mesos.executor.spec.JobSpec;
import org.cockroachdb.mesos.scheduler.config.CockroachVersion;
import org.junit.jupiter.api.Test;

class BackupRequestTest {

    private static final CockroachVersion V23_1 = new CockroachVersion(23, 1, 11);
    private static final CockroachVersion V20_2 = new CockroachVersion(20, 2, 19);
    private static final CockroachVersion V20_1 = new CockroachVersion(20, 1, 17);
    private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

    private static Map<String, String> minimal() {
        Map<String, String> p = new HashMap<>();
        p.put("DATABASE_NAME", "bank");
        p.put("S3_BUCKET_NAME", "backups");
        p.put("AWS_ACCESS_KEY_ID", "AKID");
        p.put("AWS_SECRET_ACCESS_KEY", "secret/key+1=");
        return p;
    }

    private static BackupRequest accepted(BackupRequest.Kind kind, Map<String, String> p, CockroachVersion v) {
        BackupRequest.Parsed parsed = BackupRequest.parse(kind, p, v, NOW);
        assertThat(parsed).isInstanceOf(BackupRequest.Parsed.Accepted.class);
        return ((BackupRequest.Parsed.Accepted) parsed).request();
    }

    private static String refused(BackupRequest.Kind kind, Map<String, String> p, CockroachVersion v) {
        BackupRequest.Parsed parsed = BackupRequest.parse(kind, p, v, NOW);
        assertThat(parsed).isInstanceOf(BackupRequest.Parsed.Refused.class);
        return ((BackupRequest.Parsed.Refused) parsed).reason();
    }

    @Test
    void autoIsNativeFromV20_2AndADumpBefore() {
        assertThat(accepted(BackupRequest.Kind.BACKUP, minimal(), V23_1).mode()).isEqualTo(JobSpec.BackupMode.NATIVE);
        assertThat(accepted(BackupRequest.Kind.BACKUP, minimal(), V20_2).mode()).isEqualTo(JobSpec.BackupMode.NATIVE);
        assertThat(accepted(BackupRequest.Kind.BACKUP, minimal(), V20_1).mode()).isEqualTo(JobSpec.BackupMode.DUMP);
        Map<String, String> dump = minimal();
        dump.put("BACKUP_MODE", "dump");
        assertThat(accepted(BackupRequest.Kind.BACKUP, dump, V23_1).mode()).isEqualTo(JobSpec.BackupMode.DUMP);
        Map<String, String> nativeMode = minimal();
        nativeMode.put("BACKUP_MODE", "native");
        assertThat(refused(BackupRequest.Kind.BACKUP, nativeMode, V20_1))
                .isEqualTo("BACKUP_MODE native needs CockroachDB v20.2 or later and this cluster runs v20.1.17;"
                        + " use dump or auto");
    }

    @Test
    void aBackupWithoutOptionalParametersTakesTheClisDefaults() {
        BackupRequest r = accepted(BackupRequest.Kind.BACKUP, minimal(), V23_1);
        assertThat(r.s3Dir()).isEqualTo("cockroach-backups");
        assertThat(r.backupDir()).isEqualTo("2024-05-01_12:00:00");
        assertThat(r.region()).isEqualTo("us-west-1");
        assertThat(r.endpoint()).isEmpty();
        assertThat(r.force()).isFalse();
        assertThat(r.keys().environment()).containsExactly(Map.entry("AWS_ACCESS_KEY_ID", "AKID"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "secret/key+1="));
        assertThat(r.location()).isEqualTo("s3://backups/cockroach-backups/2024-05-01_12:00:00");
    }

    @Test
    void theCredentialsAreNeverShown() {
        Map<String, String> p = minimal();
        p.put("AWS_SESSION_TOKEN", "token-123");
        BackupRequest r = accepted(BackupRequest.Kind.RESTORE, withFolder(p), V23_1);
        assertThat(r.toString()).doesNotContain("secret/key+1=").doesNotContain("token-123").contains("AKID");
        assertThat(r.keys().sessionToken()).isEqualTo(Optional.of("token-123"));
    }

    private static Map<String, String> withFolder(Map<String, String> p) {
        p.put("BACKUP_DIR", "nightly");
        return p;
    }

    @Test
    void eachRefusalNamesTheParameterAndWhatIsAccepted() {
        Map<String, String> p = minimal();
        p.remove("DATABASE_NAME");
        assertThat(refused(BackupRequest.Kind.BACKUP, p, V23_1)).startsWith("DATABASE_NAME is required");
        p = minimal();
        p.put("DATABASE_NAME", "Bank");
        assertThat(refused(BackupRequest.Kind.BACKUP, p, V23_1))
                .isEqualTo("DATABASE_NAME must be a database name of lower-case letters, digits and _ (not starting"
                        + " with a digit, at most 63), got 'Bank'");
        p = minimal();
        p.remove("AWS_SECRET_ACCESS_KEY");
        assertThat(refused(BackupRequest.Kind.BACKUP, p, V23_1)).startsWith("AWS_SECRET_ACCESS_KEY is required");
        p = minimal();
        p.put("BACKUP_MODE", "fast");
        assertThat(refused(BackupRequest.Kind.BACKUP, p, V23_1))
                .isEqualTo("BACKUP_MODE must be dump, native or auto, got 'fast'");
        assertThat(refused(BackupRequest.Kind.RESTORE, minimal(), V23_1)).startsWith("BACKUP_DIR is required");
        p = withFolder(minimal());
        p.put("RESTORE_FORCE", "1");
        assertThat(refused(BackupRequest.Kind.RESTORE, p, V23_1))
                .isEqualTo("RESTORE_FORCE must be true or false, got '1'");
        p = minimal();
        p.put("S3_ENDPOINT", "ftp://host");
        assertThat(refused(BackupRequest.Kind.BACKUP, p, V23_1)).startsWith("S3_ENDPOINT must be an http://");
        p = minimal();
        p.put("BACKUP_DIR", "a/b");
        assertThat(refused(BackupRequest.Kind.BACKUP, p, V23_1)).startsWith("BACKUP_DIR must be one folder name");
    }

    @Test
    void aForcedRestoreIsForced() {
        Map<String, String> p = withFolder(minimal());
        p.put("RESTORE_FORCE", "true");
        assertThat(accepted(BackupRequest.Kind.RESTORE, p, V23_1).force()).isTrue();
    }
}
