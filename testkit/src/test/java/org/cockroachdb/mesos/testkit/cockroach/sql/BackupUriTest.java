package org.cockroachdb.mesos.testkit.cockroach.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BackupUriTest {
    static final String URI = "s3://bucket/some/path/?AWS_ACCESS_KEY_ID=AKIA123&AWS_SECRET_ACCESS_KEY=s%2Fe%2Bc%3Dret"
            + "&AWS_SESSION_TOKEN=tok&AWS_REGION=eu-west-1&AWS_ENDPOINT=http%3A%2F%2F127.0.0.1%3A9000";

    @Test
    void partsAndUrlDecodedParameters() {
        BackupUri u = BackupUri.parse(URI);
        assertThat(u.scheme()).isEqualTo("s3");
        assertThat(u.host()).isEqualTo("bucket");
        assertThat(u.path()).isEqualTo("some/path");
        assertThat(u.parameter("AWS_SECRET_ACCESS_KEY")).contains("s/e+c=ret");
        assertThat(u.parameter("AWS_ENDPOINT")).contains("http://127.0.0.1:9000");
        assertThat(u.parameter("AWS_REGION")).contains("eu-west-1");
        assertThat(u.parameter("AUTH")).isEmpty();
    }

    @Test
    void secretsAreRedactedAndScrubbedFromOtherText() {
        BackupUri u = BackupUri.parse(URI);
        assertThat(u.redacted()).isEqualTo("s3://bucket/some/path/?AWS_ACCESS_KEY_ID=AKIA123&AWS_SECRET_ACCESS_KEY=redacted"
                + "&AWS_SESSION_TOKEN=redacted&AWS_REGION=eu-west-1&AWS_ENDPOINT=http%3A%2F%2F127.0.0.1%3A9000");
        assertThat(u).hasToString(u.redacted());
        assertThat(u.scrub("signature for s/e+c=ret or s%2Fe%2Bc%3Dret with tok failed"))
                .isEqualTo("signature for redacted or redacted with redacted failed");
    }

    @Test
    void nodelocalAndMalformedUris() {
        BackupUri u = BackupUri.parse("nodelocal://1/backups/x");
        assertThat(u.scheme()).isEqualTo("nodelocal");
        assertThat(u.host()).isEqualTo("1");
        assertThat(u.path()).isEqualTo("backups/x");
        assertThatThrownBy(() -> BackupUri.parse("bucket/path?AWS_SECRET_ACCESS_KEY=hunter2"))
                .hasMessage("not a storage URI: bucket/path?AWS_SECRET_ACCESS_KEY=redacted");
    }
}
