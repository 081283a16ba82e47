package org.cockroachdb.mesos.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SecretNamesTest {

    @Test
    void theDefaultsCatchTheUsualSecretNamesInAnyCase() {
        assertThat(List.of("AWS_SECRET_ACCESS_KEY", "AWS_ACCESS_KEY_ID", "COCKROACH_PASSWORD", "db_password",
                "DCOS_ACS_TOKEN", "api-token", "client_secret", "GCS_CREDENTIALS", "TLS_PRIVATE_KEY"))
                .allMatch(SecretNames.DEFAULT::matches);
    }

    @Test
    void ordinaryNamesAreKept() {
        assertThat(List.of("NODE_COUNT", "COCKROACH_VERSION", "AWS_REGION", "KEYSPACE", "MESOS_SANDBOX", "TOKENIZER_X"))
                .filteredOn(SecretNames.DEFAULT::matches)
                .containsExactly("TOKENIZER_X");
    }

    @Test
    void globsAreAnchoredAndLiteralOtherwise() {
        SecretNames names = new SecretNames(List.of("AWS_*KEY*", "A.B"));

        assertThat(names.matches("AWS_SECRET_KEY")).isTrue();
        assertThat(names.matches("MY_AWS_SECRET_KEY")).isFalse();
        assertThat(names.matches("A.B")).isTrue();
        assertThat(names.matches("AXB")).isFalse();
    }
}
