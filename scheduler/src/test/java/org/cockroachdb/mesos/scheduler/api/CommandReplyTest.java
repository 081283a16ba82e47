package org.cockroachdb.mesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.cockroachdb.mesos.scheduler.plan.CommandResult;
import org.cockroachdb.mesos.scheduler.plan.CommandStatus;
import org.cockroachdb.mesos.scheduler.plan.PodCommand;
import org.junit.jupiter.api.Test;

class CommandReplyTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void plan_results_map_to_the_sdk_codes_with_a_message_body() throws Exception {
        assertThat(CommandReply.of(new CommandResult(CommandStatus.OK, "Received cmd: stop")))
                .isEqualTo(new CommandReply(200, "{\"message\":\"Received cmd: stop\"}"));
        assertThat(CommandReply.of(new CommandResult(CommandStatus.ALREADY, "a")).status()).isEqualTo(208);
        assertThat(CommandReply.of(new CommandResult(CommandStatus.NOT_FOUND, "a")).status()).isEqualTo(404);
        assertThat(CommandReply.of(new CommandResult(CommandStatus.BAD_REQUEST, "a")).status()).isEqualTo(400);
        assertThat(JSON.readTree(CommandReply.planNotFound("update").json()))
                .isEqualTo(JSON.readTree("{\"message\":\"Plan update not found\"}"));
        assertThat(CommandReply.planNotFound("update").status()).isEqualTo(404);
    }

    @Test
    void pod_outcomes() throws Exception {
        CommandReply done = CommandReply.of(new PodCommand.Outcome.Done("cockroachdb-0", List.of("cockroachdb-0-node-init")));
        assertThat(done.status()).isEqualTo(200);
        assertThat(JSON.readTree(done.json()))
                .isEqualTo(JSON.readTree("{\"pod\":\"cockroachdb-0\",\"tasks\":[\"cockroachdb-0-node-init\"]}"));
        CommandReply missing = CommandReply.of(new PodCommand.Outcome.NotFound("cockroachdb-9"));
        assertThat(missing).isEqualTo(new CommandReply(404, "{\"message\":\"Pod cockroachdb-9 not found\"}"));
    }

    @Test
    void a_reply_is_a_json_object_with_an_http_status() {
        assertThatThrownBy(() -> new CommandReply(200, "[]")).hasMessage("a command reply must be a JSON object, got []");
        assertThatThrownBy(() -> new CommandReply(200, "{")).hasMessageStartingWith("a command reply must be JSON: ");
        assertThatThrownBy(() -> new CommandReply(99, "{}")).hasMessage("HTTP status must be 100..599, got 99");
        assertThatThrownBy(() -> new CommandReply(600, "{}")).hasMessage("HTTP status must be 100..599, got 600");
    }
}
