package org.cockroachdb.mesos.scheduler.state;

import org.cockroachdb.mesos.scheduler.config.ServiceName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import org.junit.jupiter.api.Test;

class StoredRecordsJsonTest {

    @Test
    void aTaskRecordSurvivesTheRoundTrip() {
        TaskRecord record = TaskRecord.launching("cockroachdb-0-node-init", ByteString.copyFromUtf8("info"))
                .withLastStatus(ByteString.copyFromUtf8("status"))
                .withCockroachNodeId("1")
                .withReady(true);

        assertThat(TaskRecordJson.decode(TaskRecordJson.encode(record))).isEqualTo(record);
        TaskRecord bare = TaskRecord.launching("x", ByteString.EMPTY);
        assertThat(TaskRecordJson.decode(TaskRecordJson.encode(bare))).isEqualTo(bare);
    }

    @Test
    void aConfigRevisionSurvivesTheRoundTripInCompactForm() {
        ConfigRevision revision = new ConfigRevision(7, ConfigRevisionJson.normalize("{ \"a\" : [1, 2] }"));

        assertThat(revision.json()).isEqualTo("{\"a\":[1,2]}");
        assertThat(ConfigRevisionJson.decode(ConfigRevisionJson.encode(revision))).isEqualTo(revision);
    }

    @Test
    void namesThatWouldLeaveTheirRecordAreRefused() {
        assertThatThrownBy(() -> TaskRecord.launching("a/b", ByteString.EMPTY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatePaths.property("..")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StatePaths.property("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serviceNamesInFoldersBecomeOneSegment() {
        assertThat(ServiceName.of("/group/cockroachdb").zkNamespace()).isEqualTo("dcos-service-group__cockroachdb");
        assertThat(ZkConnection.of("zk:2181", "db").withDigestCredentials("user:pw").toString()).doesNotContain("pw");
    }
}
