package org.cockroachdb.mesos.executor.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.cockroachdb.mesos.executor.cockroach.VersionFamily;
import org.junit.jupiter.api.Test;

class JobSpecTest {
    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aCockroachCommandSurvivesItsJsonForm() {
        JobSpec spec = new JobSpec.CockroachCommand("cockroach/cockroach",
                List.of("node", "decommission", "4", "--insecure", "--host=node-0:26257"));

        assertThat(JobSpec.fromJson(spec.toJson())).isEqualTo(spec);
    }

    @Test
    void aJobIsToldApartFromANodeLaunchSpec() {
        assertThat(JobSpec.describesJob(new JobSpec.CockroachCommand("c", List.of("version")).toJson())).isTrue();
        assertThat(JobSpec.describesJob(json("{\"cockroachBinary\":\"c\"}"))).isFalse();
        assertThat(JobSpec.describesJob(json("not json"))).isFalse();
        assertThat(JobSpec.describesJob(null)).isFalse();
    }

    @Test
    void badSpecsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> JobSpec.fromJson(json("{\"job\":\"format-disk\"}")))
                .hasMessage("job must be one of [cockroach, backup, restore], got 'format-disk'");
        assertThatThrownBy(() -> JobSpec.fromJson(json("{\"job\":\"cockroach\",\"cockroachBinary\":\"c\",\"args\":[1]}")))
                .hasMessage("args must be a JSON array of strings, got 1");
        assertThatThrownBy(() -> JobSpec.fromJson(json("{\"job\":\"cockroach\",\"cockroachBinary\":\"c\",\"args\":[],\"x\":1}")))
                .hasMessageStartingWith("x is not a job spec field");
        assertThatThrownBy(() -> JobSpec.fromJson(json("[")))
                .hasMessageStartingWith("the job spec is not valid JSON");
    }

    static JobSpec.Backup backup() {
        return new JobSpec.Backup("cockroach/cockroach", "node-0.example:26257", "bank", "my-backups", "cockroachdb/prod",
                "2024-05-01T120000", "us-east-1", Optional.of("http://minio:9000"), JobSpec.BackupMode.DUMP,
                VersionFamily.V20_2, LaunchSpec.SecurityMode.INSECURE);
    }

    @Test
    void backupAndRestoreSurviveTheirJsonFormWithoutAnyCredential() {
        JobSpec.Backup backup = backup();
        JobSpec.Restore restore = new JobSpec.Restore("cockroach", "10.0.0.1:26257", "bank", "my-backups", "",
                "b1", "eu-west-1", Optional.empty(), JobSpec.BackupMode.NATIVE, VersionFamily.V23_1,
                LaunchSpec.SecurityMode.INSECURE, true);

        assertThat(JobSpec.fromJson(backup.toJson())).isEqualTo(backup);
        assertThat(JobSpec.fromJson(restore.toJson())).isEqualTo(restore);
        assertThat(JobSpec.describesJob(backup.toJson())).isTrue();
        assertThat(new String(backup.toJson(), StandardCharsets.UTF_8)).doesNotContainIgnoringCase("AWS")
                .doesNotContainIgnoringCase("secret").contains("\"job\":\"backup\"");
        assertThat(new String(restore.toJson(), StandardCharsets.UTF_8)).doesNotContain("endpoint")
                .contains("\"force\":true");
    }

    @Test
    void credentialsInTheSpecAreRefused() {
        String json = new String(backup().toJson(), StandardCharsets.UTF_8)
                .replace("{", "{\"AWS_SECRET_ACCESS_KEY\":\"x\",");
        assertThatThrownBy(() -> JobSpec.fromJson(json(json)))
                .hasMessageStartingWith("AWS_SECRET_ACCESS_KEY is not a job spec field");
    }

    @Test
    void badBackupFieldsAreRefusedNamingTheField() {
        String good = new String(backup().toJson(), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> JobSpec.fromJson(json(good.replace("\"bank\"", "\"Bank; DROP\""))))
                .hasMessageStartingWith("database must be a name of lower-case letters, digits and _");
        assertThatThrownBy(() -> JobSpec.fromJson(json(good.replace("\"DUMP\"", "\"COPY\""))))
                .hasMessage("mode must be one of [DUMP, NATIVE], got \"COPY\"");
        assertThatThrownBy(() -> JobSpec.fromJson(json(good.replace("\"V20_2\"", "\"V19\""))))
                .hasMessage("versionFamily must be one of [V2_1, V20_2, V23_1], got \"V19\"");
        assertThatThrownBy(() -> JobSpec.fromJson(json(good.replace("node-0.example:26257", "node-0"))))
                .hasMessageStartingWith("host must be host:port");
        assertThatThrownBy(() -> JobSpec.fromJson(json(good.replace("cockroachdb/prod", "../up"))))
                .hasMessageStartingWith("s3Dir must be empty or a relative path");
        assertThatThrownBy(() -> JobSpec.fromJson(json(good.replace("http://minio:9000", "minio:9000"))))
                .hasMessageStartingWith("endpoint must be an http(s) URL");
        assertThatThrownBy(() -> JobSpec.fromJson(json(good.replace("my-backups", "My_Backups"))))
                .hasMessageStartingWith("bucket must be an S3 bucket name");
        assertThatThrownBy(() -> JobSpec.fromJson(json(good.replace("\"backup\"", "\"restore\""))))
                .hasMessage("force must be true or false, got null");
    }
}
