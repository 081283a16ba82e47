package org.cockroachdb.mesos.scheduler.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ConfigHistoryTest {

    @Test
    void entryNamesSortLikeTheirRevisions() {
        assertThat(List.of(ConfigHistory.entryName(10), ConfigHistory.entryName(9)).stream().sorted().toList())
                .containsExactly(ConfigHistory.entryName(9), ConfigHistory.entryName(10));
        assertThat(ConfigHistory.revisionOf(ConfigHistory.entryName(42))).contains(42L);
    }

    @Test
    void theOldestBeyondTheLimitAreDropped() {
        List<String> existing = List.of(ConfigHistory.entryName(3), ConfigHistory.entryName(1), ConfigHistory.entryName(2));

        assertThat(ConfigHistory.revisionsToDrop(existing, 4, 2)).containsExactly(1L, 2L);
        assertThat(ConfigHistory.revisionsToDrop(existing, 4, 10)).isEmpty();
    }

    @Test
    void foreignNamesAreIgnored() {
        assertThat(ConfigHistory.revisions(List.of("readme", ConfigHistory.entryName(5)))).containsExactly(5L);
    }
}
