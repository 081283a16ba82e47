package org.cockroachdb.mesos.testkit.cockroach.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackupCollectionTest {

    @Test
    void subdirectoriesAreNamedByUtcTimeToTheHundredth() {
        assertThat(BackupCollection.subdirectory(Instant.parse("2021-03-23T21:31:01.379Z"))).isEqualTo("2021/03/23-213101.37");
        assertThat(BackupCollection.subdirectory(Instant.parse("2021-12-01T00:00:00Z"))).isEqualTo("2021/12/01-000000.00");
    }

    @Test
    void completedBackupsAreSubdirectoriesWithAManifestInOrder() {
        assertThat(BackupCollection.backups(List.of("LATEST", "2021/03/24-000000.00/BACKUP_MANIFEST",
                "2021/03/24-000000.00/data.sql", "2021/03/23-213101.37/BACKUP_MANIFEST", "2021/03/25-000000.00/data.sql",
                "other/BACKUP_MANIFEST")))
                .containsExactly("2021/03/23-213101.37", "2021/03/24-000000.00");
    }

    @Test
    void aSubdirectoryNameMayComeWithSlashes() {
        assertThat(BackupCollection.normalize("/2021/03/23-213101.37/")).isEqualTo("2021/03/23-213101.37");
        assertThat(BackupCollection.key("", "BACKUP_MANIFEST")).isEqualTo("BACKUP_MANIFEST");
        assertThat(BackupCollection.key("2021/03/23-213101.37", "data.sql")).isEqualTo("2021/03/23-213101.37/data.sql");
    }
}
