package org.cockroachdb.mesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.cockroachdb.mesos.scheduler.plan.Phase;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.PlanCommand;
import org.cockroachdb.mesos.scheduler.plan.PlanControl;
import org.cockroachdb.mesos.scheduler.plan.PlanIds;
import org.cockroachdb.mesos.scheduler.plan.PodCommand;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.Step;
import org.cockroachdb.mesos.scheduler.plan.StepRef;
import org.cockroachdb.mesos.scheduler.plan.Strategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command routes over real HTTP, against a {@link Commands} written here the way the event
 * loop will: queue the command on one thread, apply {@link PlanControl} to the plan, publish the
 * rendered plan in the view, then complete the future.
 */
class CommandsApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String ALREADY = "Command has already been reported or completed";
    private static final String NODE_0 = "cockroachdb-0:[node-init]";
    private static final String NODE_1 = "cockroachdb-1:[node-join]";
    private static final String NODE_2 = "cockroachdb-2:[node-join]";

    private static final AtomicReference<ServiceView> VIEW = new AtomicReference<>();
    private static final FixedPlanCommands COMMANDS = new FixedPlanCommands();
    private static ApiServer server;

    @BeforeAll
    static void start() {
        server = ApiServer.start("127.0.0.1", 0, VIEW::get, COMMANDS);
    }

    @AfterAll
    static void stop() {
        server.close();
        COMMANDS.loop.shutdownNow();
    }

    @BeforeEach
    void fresh() {
        COMMANDS.reset();
    }

    /** A deploy plan under way (node 0 complete, node 1 started, node 2 pending) and a backup plan waiting for start. */
    private static Plan computed(String name) {
        String phase = name.equals("deploy") ? "node-deploy" : "backup";
        List<Step> steps = List.of(
                new Step(PlanIds.step(name, phase, NODE_0), NODE_0, Status.COMPLETE, "ready", "cockroachdb-0"),
                new Step(PlanIds.step(name, phase, NODE_1), NODE_1, Status.STARTED, "waiting for readiness", "cockroachdb-1"),
                new Step(PlanIds.step(name, phase, NODE_2), NODE_2, Status.PENDING, "waiting for an offer", "cockroachdb-2"));
        return new Plan(name, Strategy.SERIAL, List.of(new Phase(PlanIds.phase(name, phase), phase, Strategy.SERIAL, steps)),
                List.of(), false);
    }

    /** The event loop's stand-in: one thread owns the controls and publishes a view after each command. */
    static final class FixedPlanCommands implements Commands {

        final ExecutorService loop = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-loop"));
        final Map<String, PlanControl> controls = new HashMap<>();
        final List<StepRef> resets = new ArrayList<>();
        final List<PodCommand> podCommands = new ArrayList<>();

        void reset() {
            CompletableFuture.runAsync(() -> {
                controls.clear();
                controls.put("deploy", PlanControl.proceeding());
                controls.put("backup", PlanControl.interruptedUntilStarted());
                resets.clear();
                podCommands.clear();
                publish();
            }, loop).join();
        }

        private void publish() {
            VIEW.set(Views.withPlans(Views.deploying(),
                    PlanControl.render(computed("deploy"), controls.get("deploy")),
                    PlanControl.render(computed("backup"), controls.get("backup"))));
        }

        @Override
        public CompletableFuture<CommandReply> plan(String planName, PlanCommand command) {
            return CompletableFuture.supplyAsync(() -> {
                PlanControl control = controls.get(planName);
                if (control == null) {
                    return CommandReply.planNotFound(planName);
                }
                PlanControl.Outcome outcome = control.apply(command, computed(planName));
                controls.put(planName, outcome.control());
                resets.addAll(outcome.stepsToReset());
                publish();
                return CommandReply.of(outcome.result());
            }, loop);
        }

        @Override
        public CompletableFuture<CommandReply> pod(PodCommand command) {
            return CompletableFuture.supplyAsync(() -> {
                Map<String, List<String>> tasks = new HashMap<>();
                VIEW.get().pods().forEach(p -> tasks.put(p.name(), p.tasks().stream().map(TaskView::name).toList()));
                PodCommand.Outcome outcome = command.outcome(tasks);
                if (outcome instanceof PodCommand.Outcome.Done) {
                    podCommands.add(command);
                }
                return CommandReply.of(outcome);
            }, loop);
        }

        PlanControl control(String plan) {
            return CompletableFuture.supplyAsync(() -> controls.get(plan), loop).join();
        }

        List<StepRef> resets() {
            return CompletableFuture.supplyAsync(() -> List.copyOf(resets), loop).join();
        }

        List<PodCommand> podCommands() {
            return CompletableFuture.supplyAsync(() -> List.copyOf(podCommands), loop).join();
        }
    }

    private static HttpResponse<String> send(ApiServer to, String method, String path, String body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(to.uri().resolve(path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send(server, "POST", path, null);
    }

    private static HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(server, "POST", path, body);
    }

    /** Status and the exact {@code {"message": ...}} body, served as indented JSON. */
    private static void assertMessage(HttpResponse<String> response, int status, String message) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body()).as("indented").contains("\n  ");
        assertThat(JSON.readTree(response.body())).isEqualTo(JSON.createObjectNode().put("message", message));
    }

    private static void assertText(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.body()).isEqualTo(reason + "\n");
    }

    private static JsonNode shown(String plan) throws IOException, InterruptedException {
        return JSON.readTree(send(server, "GET", "/v1/plans/" + plan, null).body());
    }

    // ---- start

    @Test
    void start_with_parameters_starts_the_plan_and_echoes_them_with_credentials_masked() throws Exception {
        assertThat(shown("backup").get("status").asText()).isEqualTo("WAITING");
        assertMessage(post("/v1/plans/backup/start", "{\"DATABASE_NAME\":\"bank\",\"AWS_SECRET_ACCESS_KEY\":\"s3cr3t\"}"), 200,
                "Received cmd: start backup with parameters: {AWS_SECRET_ACCESS_KEY=****, DATABASE_NAME=bank}");
        assertThat(COMMANDS.control("backup").parameters())
                .isEqualTo(Map.of("DATABASE_NAME", "bank", "AWS_SECRET_ACCESS_KEY", "s3cr3t"));
        assertThat(COMMANDS.control("backup").interrupted()).isFalse();
        assertThat(shown("backup").get("status").asText()).isEqualTo("IN_PROGRESS");
    }

    @Test
    void start_without_a_body_or_with_an_empty_object() throws Exception {
        assertMessage(post("/v1/plans/backup/start"), 200, "Received cmd: start backup with parameters: {}");
        assertMessage(post("/v1/plans/backup/start", "  {} \n"), 200, "Received cmd: start backup with parameters: {}");
        assertMessage(post("/v1/plans/backup/start", " \n "), 200, "Received cmd: start backup with parameters: {}");
    }

    @Test
    void start_refuses_a_parameter_name_that_is_not_an_environment_variable_name() throws Exception {
        assertMessage(post("/v1/plans/backup/start", "{\"1DB\":\"bank\"}"), 400,
                "Couldn't parse parameters: '1DB' is not a valid environment variable name;"
                        + " use letters, digits and '_', not starting with a digit");
        assertThat(COMMANDS.control("backup")).isEqualTo(PlanControl.interruptedUntilStarted());
    }

    @Test
    void start_refuses_bodies_that_are_not_an_object_of_strings_naming_the_field_and_never_quoting_values() throws Exception {
        String accepted = "send a JSON object of string values, e.g. {\"DATABASE_NAME\":\"bank\"}";
        assertMessage(post("/v1/plans/backup/start", "DATABASE_NAME=s3cr3t"), 400,
                "Couldn't parse parameters: the body is not valid JSON at line 1, column 15; " + accepted);
        assertMessage(post("/v1/plans/backup/start", "[\"s3cr3t\"]"), 400,
                "Couldn't parse parameters: the body is a JSON array; " + accepted);
        assertMessage(post("/v1/plans/backup/start", "\"s3cr3t\""), 400,
                "Couldn't parse parameters: the body is a string; " + accepted);
        assertMessage(post("/v1/plans/backup/start", "{\"A\":\"1\"} {\"B\":\"s3cr3t\"}"), 400,
                "Couldn't parse parameters: the body is not valid JSON at line 1, column 11; " + accepted);
        assertMessage(post("/v1/plans/backup/start", "{\"A\":\"s3cr3t\",\"A\":\"2\"}"), 400,
                "Couldn't parse parameters: 'A' is given twice; give each parameter once");
        assertMessage(post("/v1/plans/backup/start", "{\"DATABASE_NAME\":\"bank\",\"PORT\":26257}"), 400,
                "Couldn't parse parameters: the value of 'PORT' is a number; parameter values must be strings");
        assertMessage(post("/v1/plans/backup/start", "{\"A\":null}"), 400,
                "Couldn't parse parameters: the value of 'A' is null; parameter values must be strings");
        assertMessage(post("/v1/plans/backup/start", "{\"A\":{\"B\":\"s3cr3t\"}}"), 400,
                "Couldn't parse parameters: the value of 'A' is a JSON object; parameter values must be strings");
        assertMessage(post("/v1/plans/backup/start", "{\"A\":true}"), 400,
                "Couldn't parse parameters: the value of 'A' is a boolean; parameter values must be strings");
        assertThat(COMMANDS.control("backup")).isEqualTo(PlanControl.interruptedUntilStarted());
    }

    @Test
    void a_body_over_the_limit_is_413() throws Exception {
        String big = "{\"A\":\"" + "x".repeat(ApiHandler.MAX_BODY) + "\"}";
        assertText(post("/v1/plans/backup/start", big), 413, "The request body is over 65536 bytes");
    }

    // ---- stop

    @Test
    void stop_interrupts_and_asks_the_loop_to_reset_the_steps_under_way() throws Exception {
        assertMessage(post("/v1/plans/deploy/stop"), 200, "Received cmd: stop");
        assertThat(COMMANDS.control("deploy").interrupted()).isTrue();
        assertThat(COMMANDS.resets()).containsExactly(new StepRef("node-deploy", NODE_0), new StepRef("node-deploy", NODE_1));
        assertThat(shown("deploy").get("status").asText()).isEqualTo("WAITING");
    }

    // ---- interrupt / continue

    @Test
    void interrupt_then_continue_the_plan_and_208_when_already_so() throws Exception {
        assertMessage(post("/v1/plans/deploy/interrupt"), 200, "Received cmd: interrupt");
        assertThat(shown("deploy").get("status").asText()).isEqualTo("WAITING");
        assertMessage(post("/v1/plans/deploy/interrupt"), 208, ALREADY);
        assertMessage(post("/v1/plans/deploy/continue"), 200, "Received cmd: continue");
        assertThat(shown("deploy").get("status").asText()).isEqualTo("IN_PROGRESS");
        assertMessage(post("/v1/plans/deploy/continue"), 208, ALREADY);
    }

    @Test
    void interrupt_then_continue_a_phase_by_name_or_id() throws Exception {
        assertMessage(post("/v1/plans/deploy/interrupt?phase=node-deploy"), 200, "Received cmd: interrupt");
        assertThat(shown("deploy").at("/phases/0/status").asText()).isEqualTo("WAITING");
        assertThat(COMMANDS.control("deploy").interruptedPhases()).containsExactly("node-deploy");
        assertMessage(post("/v1/plans/deploy/interrupt?phase=node-deploy"), 208, ALREADY);
        assertMessage(post("/v1/plans/deploy/continue?phase=" + PlanIds.phase("deploy", "node-deploy")), 200,
                "Received cmd: continue");
        assertThat(COMMANDS.control("deploy").interruptedPhases()).isEmpty();
        assertMessage(post("/v1/plans/deploy/continue?phase=node-deploy"), 208, ALREADY);
    }

    @Test
    void an_unknown_phase_is_404() throws Exception {
        assertMessage(post("/v1/plans/deploy/interrupt?phase=nope"), 404, "Phase nope not found");
        assertMessage(post("/v1/plans/deploy/continue?phase=nope"), 404, "Phase nope not found");
    }

    // ---- forceComplete

    @Test
    void force_complete_a_step_named_with_percent_encoding() throws Exception {
        assertMessage(post("/v1/plans/deploy/forceComplete?phase=node-deploy&step=cockroachdb-1%3A%5Bnode-join%5D"), 200,
                "Received cmd: forceComplete for Plan: deploy, Phase: node-deploy, Step: " + NODE_1);
        assertThat(shown("deploy").at("/phases/0/steps/1/status").asText()).isEqualTo("COMPLETE");
        assertThat(shown("deploy").at("/phases/0/steps/1/message").asText()).isEqualTo("forced complete by operator");
        assertMessage(post("/v1/plans/deploy/forceComplete?step=cockroachdb-1%3A%5Bnode-join%5D&phase=node-deploy"), 208, ALREADY);
    }

    @Test
    void force_complete_needs_phase_and_step_that_exist() throws Exception {
        assertMessage(post("/v1/plans/deploy/forceComplete"), 400, "Missing phase");
        assertMessage(post("/v1/plans/deploy/forceComplete?step=x"), 400, "Missing phase");
        assertMessage(post("/v1/plans/deploy/forceComplete?phase=node-deploy"), 400, "Missing step");
        assertMessage(post("/v1/plans/deploy/forceComplete?phase=nope&step=x"), 404, "Phase nope not found");
        assertMessage(post("/v1/plans/deploy/forceComplete?phase=node-deploy&step=x"), 404, "Step x not found");
        assertMessage(post("/v1/plans/deploy/forceComplete?phase=node-deploy&step=" + PlanIds.step("deploy", "node-deploy", NODE_0)),
                208, ALREADY);
    }

    // ---- restart

    @Test
    void restart_the_plan_a_phase_or_a_step() throws Exception {
        assertMessage(post("/v1/plans/deploy/restart?phase=node-deploy&step=cockroachdb-1:%5Bnode-join%5D"), 200,
                "Received cmd: restart for Plan: deploy, Phase: node-deploy, Step: " + NODE_1);
        assertThat(COMMANDS.resets()).containsExactly(new StepRef("node-deploy", NODE_1));
        assertMessage(post("/v1/plans/deploy/restart?phase=node-deploy"), 200, "Received cmd: restart for Plan: deploy, Phase: node-deploy");
        assertMessage(post("/v1/plans/deploy/restart"), 200, "Received cmd: restart for Plan: deploy");
        assertMessage(post("/v1/plans/deploy/restart?phase=node-deploy&step=" + PlanIds.step("deploy", "node-deploy", NODE_2)),
                208, ALREADY);
    }

    @Test
    void restart_a_step_without_its_phase_is_400_and_unknown_ones_404() throws Exception {
        assertMessage(post("/v1/plans/deploy/restart?step=" + NODE_2.replace("[", "%5B").replace("]", "%5D")), 400, "Missing phase");
        assertMessage(post("/v1/plans/deploy/restart?phase=nope"), 404, "Phase nope not found");
        assertMessage(post("/v1/plans/deploy/restart?phase=node-deploy&step=nope"), 404, "Step nope not found");
        assertThat(COMMANDS.resets()).isEmpty();
    }

    // ---- plans, legacy path

    @Test
    void an_unknown_plan_is_404_for_every_command() throws Exception {
        for (String command : List.of("start", "stop", "interrupt", "continue", "forceComplete?phase=a&step=b", "restart")) {
            assertMessage(post("/v1/plans/update/" + command), 404, "Plan update not found");
        }
    }

    @Test
    void the_legacy_plan_path_commands_the_deploy_plan() throws Exception {
        assertMessage(post("/v1/plan/interrupt"), 200, "Received cmd: interrupt");
        assertThat(COMMANDS.control("deploy").interrupted()).isTrue();
        assertMessage(post("/v1/plan/continue"), 200, "Received cmd: continue");
        assertMessage(post("/v1/plan/forceComplete?phase=node-deploy&step=cockroachdb-2:%5Bnode-join%5D"), 200,
                "Received cmd: forceComplete for Plan: deploy, Phase: node-deploy, Step: " + NODE_2);
        assertMessage(post("/v1/plan/restart?phase=node-deploy"), 200, "Received cmd: restart for Plan: deploy, Phase: node-deploy");
        assertMessage(post("/v1/plan/stop"), 200, "Received cmd: stop");
        assertMessage(post("/v1/plan/start", "{\"A\":\"1\"}"), 200, "Received cmd: start deploy with parameters: {A=1}");
        assertThat(COMMANDS.control("deploy").parameters()).isEqualTo(Map.of("A", "1"));
    }

    // ---- bad requests the API refuses itself

    @Test
    void unknown_repeated_or_empty_query_parameters_are_400_naming_the_parameter() throws Exception {
        assertMessage(post("/v1/plans/deploy/interrupt?phse=node-deploy"), 400,
                "Unknown query parameter 'phse' for POST /v1/plans/deploy/interrupt; it takes phase");
        assertMessage(post("/v1/plans/deploy/stop?phase=node-deploy"), 400,
                "Unknown query parameter 'phase' for POST /v1/plans/deploy/stop; it takes none");
        assertMessage(post("/v1/plans/deploy/start?x=1"), 400, "Unknown query parameter 'x' for POST /v1/plans/deploy/start; it takes none");
        assertMessage(post("/v1/plans/deploy/restart?phase=a&phase=b"), 400, "Query parameter 'phase' is given more than once; give it once");
        assertMessage(post("/v1/plans/deploy/forceComplete?phase=&step=x"), 400,
                "Query parameter 'phase' is empty; give a phase name or id, or leave it out");
        assertMessage(post("/v1/plans/deploy/continue?phase"), 400,
                "Query parameter 'phase' is empty; give a phase name or id, or leave it out");
        assertMessage(post("/v1/plans/deploy/continue?phase=a%0Ab"), 400,
                "Query parameter 'phase' contains control characters; give a phase name or id");
        assertMessage(post("/v1/pod/cockroachdb-0/restart?force=true"), 400,
                "Unknown query parameter 'force' for POST /v1/pod/cockroachdb-0/restart; it takes none");
        assertThat(COMMANDS.control("deploy")).isEqualTo(PlanControl.proceeding());
        assertThat(COMMANDS.podCommands()).isEmpty();
    }

    @Test
    void bad_percent_encoding_in_the_query_is_400_naming_the_parameter() throws Exception {
        // java.net.http refuses to send such a URI, so this one goes over a plain socket.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /v1/plans/deploy/continue?phase=%zz HTTP/1.1\r\nHost: api\r\n"
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400 ");
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertThat(JSON.readTree(body)).isEqualTo(JSON.createObjectNode()
                    .put("message", "Bad percent-encoding in query parameter 'phase=%zz'"));
        }
        assertThat(COMMANDS.control("deploy")).isEqualTo(PlanControl.proceeding());
    }

    @Test
    void commands_other_than_start_take_no_body() throws Exception {
        for (String command : List.of("stop", "interrupt", "continue", "forceComplete", "restart")) {
            assertMessage(post("/v1/plans/deploy/" + command, "{\"phase\":\"node-deploy\"}"), 400,
                    "POST /v1/plans/deploy/" + command + " takes no body; send it empty");
        }
        assertMessage(post("/v1/pod/cockroachdb-0/replace", "[\"cockroachdb-0-node-init\"]"), 400,
                "POST /v1/pod/cockroachdb-0/replace takes no body; send it empty");
        assertThat(COMMANDS.control("deploy")).isEqualTo(PlanControl.proceeding());
        assertThat(COMMANDS.podCommands()).isEmpty();
    }

    @Test
    void a_wrong_method_is_405_naming_the_allowed_one_and_reads_still_work() throws Exception {
        HttpResponse<String> r = send(server, "GET", "/v1/plans/deploy/interrupt", null);
        assertText(r, 405, "Method GET not allowed on /v1/plans/deploy/interrupt; use POST");
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
        assertText(send(server, "PUT", "/v1/plan/start", "{}"), 405, "Method PUT not allowed on /v1/plan/start; use POST");
        assertText(send(server, "GET", "/v1/pod/cockroachdb-0/restart", null), 405,
                "Method GET not allowed on /v1/pod/cockroachdb-0/restart; use POST");
        assertText(send(server, "DELETE", "/v1/pod/cockroachdb-0/replace", null), 405,
                "Method DELETE not allowed on /v1/pod/cockroachdb-0/replace; use POST");
        assertText(post("/v1/plans/deploy"), 405, "Method POST not allowed on /v1/plans/deploy; use GET");
        assertText(post("/v1/plans/deploy/pause"), 404, "No such endpoint: POST /v1/plans/deploy/pause");
        assertThat(send(server, "GET", "/v1/plans/deploy", null).statusCode()).isEqualTo(202);
    }

    @Test
    void a_bad_plan_or_pod_name_in_the_path_is_400_naming_it() throws Exception {
        assertText(post("/v1/plans/dep%20loy/stop"), 400, "Path parameter 'plan' is 'dep loy'; use only letters, digits, '.', '_' or '-'");
        assertText(post("/v1/pod/a%2Fb/restart"), 400, "Path parameter 'pod' is 'a/b'; use only letters, digits, '.', '_' or '-'");
    }

    // ---- pods

    @Test
    void restart_and_replace_a_pod_name_its_tasks() throws Exception {
        HttpResponse<String> restart = post("/v1/pod/cockroachdb-0/restart");
        assertThat(restart.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(restart.body()))
                .isEqualTo(JSON.readTree("{\"pod\":\"cockroachdb-0\",\"tasks\":[\"cockroachdb-0-node-init\"]}"));
        assertThat(restart.body()).contains("\n  ");
        HttpResponse<String> replace = post("/v1/pod/cockroachdb-1/replace");
        assertThat(replace.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(replace.body()))
                .isEqualTo(JSON.readTree("{\"pod\":\"cockroachdb-1\",\"tasks\":[\"cockroachdb-1-node-join\"]}"));
        assertThat(COMMANDS.podCommands())
                .containsExactly(new PodCommand.Restart("cockroachdb-0"), new PodCommand.Replace("cockroachdb-1"));
    }

    @Test
    void an_unknown_pod_is_404() throws Exception {
        assertMessage(post("/v1/pod/cockroachdb-7/restart"), 404, "Pod cockroachdb-7 not found");
        assertMessage(post("/v1/pod/cockroachdb-7/replace"), 404, "Pod cockroachdb-7 not found");
        assertThat(COMMANDS.podCommands()).isEmpty();
    }

    // ---- the wait for the loop

    @Test
    void a_loop_that_never_answers_is_503_after_the_timeout_and_the_command_is_called_off() throws Exception {
        List<CompletableFuture<CommandReply>> handedOver = new java.util.concurrent.CopyOnWriteArrayList<>();
        Commands stuck = new Commands() {
            @Override
            public CompletableFuture<CommandReply> plan(String planName, PlanCommand command) {
                CompletableFuture<CommandReply> f = new CompletableFuture<>();
                handedOver.add(f);
                return f;
            }

            @Override
            public CompletableFuture<CommandReply> pod(PodCommand command) {
                return plan("", new PlanCommand.Stop());
            }
        };
        try (ApiServer busy = ApiServer.start("127.0.0.1", 0, VIEW::get, stuck, Duration.ofMillis(300))) {
            assertMessage(send(busy, "POST", "/v1/plans/deploy/stop", null), 503, "the scheduler is busy; try again");
            assertMessage(send(busy, "POST", "/v1/pod/cockroachdb-0/replace", null), 503, "the scheduler is busy; try again");
            assertThat(handedOver).hasSize(2).allMatch(CompletableFuture::isCancelled);
            // Reads never wait for the loop.
            assertThat(send(busy, "GET", "/v1/plans/deploy", null).statusCode()).isEqualTo(202);
        }
    }

    @Test
    void a_command_the_loop_fails_on_is_500_with_the_reason() throws Exception {
        Commands failing = new Commands() {
            @Override
            public CompletableFuture<CommandReply> plan(String planName, PlanCommand command) {
                return CompletableFuture.failedFuture(new IllegalStateException("ZooKeeper write refused"));
            }

            @Override
            public CompletableFuture<CommandReply> pod(PodCommand command) {
                return plan("", new PlanCommand.Stop());
            }
        };
        try (ApiServer broken = ApiServer.start("127.0.0.1", 0, VIEW::get, failing)) {
            assertMessage(send(broken, "POST", "/v1/plans/deploy/stop", null), 500,
                    "the scheduler failed to apply POST /v1/plans/deploy/stop: ZooKeeper write refused");
        }
    }

    @Test
    void a_read_only_api_answers_every_command_with_503() throws Exception {
        try (ApiServer readOnly = ApiServer.start("127.0.0.1", 0, VIEW::get)) {
            assertMessage(send(readOnly, "POST", "/v1/plans/deploy/interrupt", null), 503, "commands are not available");
            assertMessage(send(readOnly, "POST", "/v1/plan/start", "{\"A\":\"1\"}"), 503, "commands are not available");
            assertMessage(send(readOnly, "POST", "/v1/pod/cockroachdb-0/restart", null), 503, "commands are not available");
            // Malformed requests are still told why, before anything is handed over.
            assertMessage(send(readOnly, "POST", "/v1/plan/start", "[]"), 400,
                    "Couldn't parse parameters: the body is a JSON array; send a JSON object of string values, e.g. {\"DATABASE_NAME\":\"bank\"}");
        }
    }
}
