package org.cockroachdb.mesos.testkit.emulator.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.MediaTypes;
import org.cockroachdb.mesos.http.MesosHttpClient;
import org.cockroachdb.mesos.testkit.emulator.probe.ProbeScript;
import org.junit.jupiter.api.Test;

/** Checklist 2 (reference §0, §1.1, §5): what the master refuses before anything happens. */
class ValidationConformanceTest extends EmulatorFixture {
    private final MesosHttpClient http = new MesosHttpClient(Duration.ofSeconds(10));

    // ---------------------------------------------------------------- uninitialized protos

    /**
     * ⚠ code: the reference says "Not initialized", but a protobuf body missing a required field
     * never gets that far: C++ {@code ParseFromString} refuses it.
     */
    @Test
    void protobufFrameworkInfoWithoutUserIsRejectedWith400AsUnparsable() throws Exception {
        start(1);
        FrameworkInfo noUser = FrameworkInfo.newBuilder().setName("no-user").buildPartial();
        Call call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(noUser).buildPartial()).buildPartial();
        CallResult r = http.post(emulator.schedulerEndpoint(), call.toByteArray(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null));
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).isEqualTo("Failed to parse body into Call protobuf");
    }

    /** ⚠ code: stout's JSON conversion checks required fields and names them. */
    @Test
    void jsonFrameworkInfoWithoutUserIsRejectedWith400NamingTheMissingField() throws Exception {
        start(1);
        CallResult r = postJson("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{\"name\":\"no-user\"}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).contains("Missing required fields").contains("subscribe.framework_info.user");
    }

    /** Stout looks keys up by proto name only: camelCase is an unknown key, silently dropped. */
    @Test
    void camelCaseJsonKeyIsIgnoredSoTheCallLacksARequiredField() throws Exception {
        start(1);
        CallResult r = postJson("{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"frameworkInfo\":"
                + "{\"user\":\"nobody\",\"name\":\"camel\"}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).contains("Missing required fields").contains("subscribe.framework_info");
    }

    // ---------------------------------------------------------------- structure

    @Test
    void callWithoutTypeIsRejectedWith400() throws Exception {
        start(1);
        TestScheduler s = subscribe("no-type");
        CallResult r = s.call(Call.newBuilder());
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).contains("Expecting 'type' to be present");
    }

    @Test
    void acceptWithoutItsAcceptMessageIsRejectedWith400() throws Exception {
        start(1);
        TestScheduler s = subscribe("no-accept");
        CallResult r = s.call(Call.newBuilder().setType(Call.Type.ACCEPT));
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).contains("Expecting 'accept' to be present");
    }

    @Test
    void nonSubscribeCallWithoutFrameworkIdIsRejectedWith400() throws Exception {
        start(1);
        TestScheduler s = subscribe("no-framework-id");
        byte[] body = Call.newBuilder().setType(Call.Type.REVIVE).build().toByteArray();
        CallResult r = http.post(emulator.schedulerEndpoint(), body, s.streamId);
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).contains("Expecting 'framework_id' to be present");
    }

    @Test
    void subscribeWhoseFrameworkIdDiffersFromFrameworkInfoIdIsRejectedWith400() throws Exception {
        start(1);
        TestScheduler s = subscribe("differs");
        FrameworkInfo info = s.info.toBuilder().setId(s.frameworkId).build();
        Call differs = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
                .setFrameworkId(FrameworkID.newBuilder().setValue(s.frameworkId.getValue() + "-other"))
                .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info)).build();
        CallResult r = http.post(emulator.schedulerEndpoint(), differs.toByteArray(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null));
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).contains("'framework_id' differs from 'subscribe.framework_info.id'");

        Call onlyInfo = differs.toBuilder().clearFrameworkId().build();
        CallResult r2 = http.post(emulator.schedulerEndpoint(), onlyInfo.toByteArray(),
                MesosHttpClient.headers(MediaTypes.PROTOBUF, MediaTypes.PROTOBUF, null));
        assertThat(r2.status()).isEqualTo(400);
    }

    // ---------------------------------------------------------------- uuids

    @Test
    void acknowledgeWithUuidThatIsNotSixteenBytesIsRejectedWith400() throws Exception {
        start(1);
        TestScheduler s = subscribe("uuid-length");
        TaskStatus status = launchedCommandTask(s);
        // the classic mistake: the 36-character text form instead of the 16 raw bytes
        ByteString text = ByteString.copyFrom(UUID.randomUUID().toString(), StandardCharsets.US_ASCII);
        CallResult r = s.acknowledge(status.getAgentId(), status.getTaskId(), text);
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).contains("Not a valid UUID");
        CallResult shortOne = s.acknowledge(status.getAgentId(), status.getTaskId(), status.getUuid().substring(0, 15));
        assertThat(shortOne.status()).isEqualTo(400);
        // the real uuid is fine
        assertThat(s.acknowledge(status).status()).isEqualTo(202);
    }

    @Test
    void acknowledgeWithSixteenByteUuidOfVersionZeroIsRejectedWith400() throws Exception {
        start(1);
        TestScheduler s = subscribe("uuid-version");
        TaskStatus status = launchedCommandTask(s);
        byte[] bytes = status.getUuid().toByteArray();
        bytes[6] = (byte) (bytes[6] & 0x0f); // version nibble 0
        CallResult r = s.acknowledge(status.getAgentId(), status.getTaskId(), ByteString.copyFrom(bytes));
        assertThat(r.status()).isEqualTo(400);
        assertThat(message(r)).contains("Not a valid UUID");
        // and the nibble really is what decides: the same bytes as version 4 pass validation
        bytes[6] = (byte) (bytes[6] | 0x40);
        assertThat(s.acknowledge(status.getAgentId(), status.getTaskId(), ByteString.copyFrom(bytes)).status())
                .isEqualTo(202);
    }

    // ---------------------------------------------------------------- ID rules

    @Test
    void launchWithSlashInTaskIdFailsWithTaskErrorFromTheMasterWithoutUuid() throws Exception {
        start(1);
        TestScheduler s = subscribe("slash");
        Offer offer = s.offers().get(0);
        assertThat(s.accept(offer, Ops.launch(Ops.probeTask("a/b", offer, "exec-slash", ProbeScript.stay(),
                Probes.CPUS, Probes.MEM))).status()).isEqualTo(202);
        TaskStatus error = s.update("a/b");
        assertThat(error.getState()).isEqualTo(TaskState.TASK_ERROR);
        assertThat(error.getSource()).isEqualTo(TaskStatus.Source.SOURCE_MASTER);
        assertThat(error.getReason()).isEqualTo(TaskStatus.Reason.REASON_TASK_INVALID);
        assertThat(error.hasUuid()).isFalse();
        assertThat(emulator.state().tasks()).isEmpty();
    }

    @Test
    void everyBrokenIdRuleGivesTaskErrorInvalid() throws Exception {
        start(1);
        TestScheduler s = subscribe("id-rules");
        Offer offer = s.offers().get(0);
        List<String> bad = List.of("", ".", "..", "back\\slash", "tab\there", "x".repeat(256));
        List<TaskInfo> tasks = new ArrayList<>();
        for (String id : bad) {
            tasks.add(Ops.commandTask(id, offer, "sleep 30", Ops.scalar("cpus", 0.1), Ops.scalar("mem", 32)));
        }
        String fine = "y".repeat(255);
        tasks.add(Ops.commandTask(fine, offer, "sleep 30", Ops.scalar("cpus", 0.1), Ops.scalar("mem", 32)));
        assertThat(s.accept(offer, Ops.launch(tasks.toArray(TaskInfo[]::new))).status()).isEqualTo(202);
        for (String id : bad) {
            TaskStatus error = s.update(id);
            assertThat(error.getState()).as("'%s'", id).isEqualTo(TaskState.TASK_ERROR);
            assertThat(error.getReason()).as("'%s'", id).isEqualTo(TaskStatus.Reason.REASON_TASK_INVALID);
            assertThat(error.hasUuid()).as("'%s'", id).isFalse();
        }
        assertThat(s.update(fine).getState()).isNotEqualTo(TaskState.TASK_ERROR);
    }

    // ---------------------------------------------------------------- helpers

    /** A running command task's first update (with a uuid), not yet acknowledged. */
    private static TaskStatus launchedCommandTask(TestScheduler s) {
        Offer offer = s.offers().get(0);
        assertThat(s.accept(offer, Ops.launch(Ops.commandTask("sleeper", offer, "sleep 30",
                Ops.scalar("cpus", 0.1), Ops.scalar("mem", 32)))).isSuccess()).isTrue();
        TaskStatus status = s.update("sleeper");
        assertThat(status.getUuid().size()).isEqualTo(16);
        return status;
    }

    private CallResult postJson(String json) {
        return http.post(emulator.schedulerEndpoint(), json.getBytes(StandardCharsets.UTF_8),
                MesosHttpClient.headers(MediaTypes.JSON, MediaTypes.JSON, null));
    }

    private static String message(CallResult r) {
        assertThat(r).isInstanceOf(CallResult.Rejected.class);
        return ((CallResult.Rejected) r).message();
    }
}
