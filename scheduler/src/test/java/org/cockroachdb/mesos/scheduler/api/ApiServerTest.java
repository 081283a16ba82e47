package org.cockroachdb.mesos.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.cockroachdb.mesos.scheduler.plan.PlanJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final AtomicReference<ServiceView> VIEW = new AtomicReference<>();
    private static ApiServer server;

    @BeforeAll
    static void start() {
        server = ApiServer.start("127.0.0.1", 0, VIEW::get);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void deploying() {
        VIEW.set(Views.deploying());
    }

    private static HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.uri().resolve(path))
                .timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path);
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(response.body()).as("indented").contains("\n  ");
        return JSON.readTree(response.body());
    }

    private static void assertText(HttpResponse<String> response, int status, String reason) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.body()).isEqualTo(reason + "\n");
    }

    private static void withPlans(org.cockroachdb.mesos.scheduler.plan.Plan... plans) {
        VIEW.set(Views.withPlans(Views.deploying(), plans));
    }

    @Test
    void listens_where_it_says() throws Exception {
        assertThat(server.port()).isPositive();
        assertThat(server.uri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port() + "/"));
        assertThat(get("/v1/plans").statusCode()).isEqualTo(200);
    }

    @Test
    void plan_names_in_view_order() throws Exception {
        HttpResponse<String> r = get("/v1/plans");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).isEqualTo(JSON.readTree("[\"deploy\",\"recovery\"]"));
    }

    @Test
    void a_plan_in_progress_is_202_with_the_plan_json() throws Exception {
        HttpResponse<String> r = get("/v1/plans/deploy");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(json(r)).isEqualTo(PlanJson.of(Views.deployInProgress()));
        assertThat(json(r).at("/phases/0/steps/1/status").asText()).isEqualTo("STARTED");
    }

    @Test
    void a_complete_plan_is_200() throws Exception {
        withPlans(Views.deployComplete());
        HttpResponse<String> r = get("/v1/plans/deploy");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r).get("status").asText()).isEqualTo("COMPLETE");
    }

    @Test
    void a_plan_with_errors_is_417_and_still_shows_the_plan() throws Exception {
        withPlans(Views.deployWithErrors());
        HttpResponse<String> r = get("/v1/plans/deploy");
        assertThat(r.statusCode()).isEqualTo(417);
        assertThat(json(r)).isEqualTo(PlanJson.of(Views.deployWithErrors()));
        assertThat(json(r).get("errors")).isEqualTo(JSON.readTree("[\"NODE_COUNT: cannot shrink from 3 to 1\"]"));
    }

    @Test
    void an_unknown_plan_is_404() throws Exception {
        assertText(get("/v1/plans/update"), 404, "Plan update not found");
    }

    @Test
    void the_legacy_plan_path_is_the_deploy_plan() throws Exception {
        HttpResponse<String> r = get("/v1/plan");
        assertThat(r.statusCode()).isEqualTo(202);
        assertThat(json(r)).isEqualTo(PlanJson.of(Views.deployInProgress()));
        withPlans(Views.emptyRecovery());
        assertText(get("/v1/plan"), 404, "Plan deploy not found");
    }

    @Test
    void pod_names_sorted() throws Exception {
        HttpResponse<String> r = get("/v1/pod");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).isEqualTo(JSON.readTree(
                "[\"admin-0\",\"cockroachdb-0\",\"cockroachdb-1\",\"cockroachdb-10\",\"cockroachdb-2\"]"));
    }

    @Test
    void status_of_all_pods_grouped_by_type_without_tasks_nothing_was_heard_of() throws Exception {
        HttpResponse<String> r = get("/v1/pod/status");
        assertThat(r.statusCode()).isEqualTo(200);
        String expected = """
                {"service":"cockroachdb","pods":[
                  {"name":"cockroachdb","instances":[
                    {"name":"cockroachdb-0","tasks":[{"id":"%s","name":"cockroachdb-0-node-init","status":"RUNNING"}]},
                    {"name":"cockroachdb-1","tasks":[{"id":"%s","name":"cockroachdb-1-node-join","status":"RUNNING"}]},
                    {"name":"cockroachdb-2","tasks":[]},
                    {"name":"cockroachdb-10","tasks":[{"id":"%s","name":"cockroachdb-10-node-join","status":"STAGING"}]}]},
                  {"name":"admin","instances":[
                    {"name":"admin-0","tasks":[{"id":"%s","name":"admin-0-backup","status":"FINISHED"}]}]}]}
                """.formatted(Views.taskId("cockroachdb-0-node-init"), Views.taskId("cockroachdb-1-node-join"),
                Views.taskId("cockroachdb-10-node-join"), Views.taskId("admin-0-backup"));
        assertThat(json(r)).isEqualTo(JSON.readTree(expected));
    }

    @Test
    void status_of_one_pod() throws Exception {
        HttpResponse<String> r = get("/v1/pod/cockroachdb-1/status");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).isEqualTo(JSON.readTree("{\"name\":\"cockroachdb-1\",\"tasks\":[{\"id\":\""
                + Views.taskId("cockroachdb-1-node-join") + "\",\"name\":\"cockroachdb-1-node-join\",\"status\":\"RUNNING\"}]}"));
    }

    @Test
    void info_embeds_task_info_and_status_as_json_objects() throws Exception {
        HttpResponse<String> r = get("/v1/pod/cockroachdb-0/info");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode expected = JSON.createArrayNode().add(JSON.createObjectNode()
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("info", JSON.readTree(Views.taskInfo("cockroachdb-0-node-init")))
                .set("status", JSON.readTree(Views.taskStatus("cockroachdb-0-node-init", "TASK_RUNNING"))));
        assertThat(json(r)).isEqualTo(expected);
        assertThat(json(r).at("/0/info/resources/0/scalar/value").asDouble()).isEqualTo(1.0);
    }

    @Test
    void info_leaves_out_a_status_that_was_never_heard() throws Exception {
        HttpResponse<String> r = get("/v1/pod/cockroachdb-2/info");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).isEqualTo(JSON.createArrayNode().add(
                JSON.createObjectNode().set("info", JSON.readTree(Views.taskInfo("cockroachdb-2-node-join")))));
    }

    @Test
    void an_unknown_pod_is_404() throws Exception {
        assertText(get("/v1/pod/cockroachdb-7/status"), 404, "Pod cockroachdb-7 not found");
        assertText(get("/v1/pod/cockroachdb-7/info"), 404, "Pod cockroachdb-7 not found");
    }

    @Test
    void endpoint_names_and_one_endpoint() throws Exception {
        assertThat(json(get("/v1/endpoints"))).isEqualTo(JSON.readTree("[\"http\",\"pg\"]"));
        HttpResponse<String> r = get("/v1/endpoints/pg");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).isEqualTo(JSON.readTree("""
                {"address":["10.0.0.1:26257","10.0.0.2:26257"],
                 "dns":["cockroachdb-0-node-init.cockroachdb.autoip.dcos.thisdcos.directory:26257",
                        "cockroachdb-1-node-join.cockroachdb.autoip.dcos.thisdcos.directory:26257"],
                 "vip":"pg.cockroachdb.l4lb.thisdcos.directory:26257"}
                """));
    }

    @Test
    void an_unknown_endpoint_is_404() throws Exception {
        assertText(get("/v1/endpoints/grpc"), 404, "Endpoint grpc not found");
    }

    @Test
    void the_target_configuration_as_json() throws Exception {
        HttpResponse<String> r = get("/v1/configurations/target");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).isEqualTo(JSON.readTree("{\"serviceName\":\"cockroachdb\",\"nodeCount\":3}"));
    }

    @Test
    void no_target_configuration_is_404() throws Exception {
        VIEW.set(ServiceView.starting("cockroachdb"));
        assertText(get("/v1/configurations/target"), 404, "No target configuration");
    }

    @Test
    void the_framework_id_once_registered() throws Exception {
        HttpResponse<String> r = get("/v1/state/frameworkId");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(json(r)).isEqualTo(JSON.createArrayNode().add(Views.FRAMEWORK_ID));
        VIEW.set(ServiceView.starting("cockroachdb"));
        assertText(get("/v1/state/frameworkId"), 404, "Not registered with Mesos yet");
    }

    @Test
    void health_value_and_http_status_agree() throws Exception {
        VIEW.set(ServiceView.starting("cockroachdb"));
        HttpResponse<String> initializing = get("/v1/health");
        assertThat(initializing.statusCode()).isEqualTo(318);
        assertThat(json(initializing)).isEqualTo(JSON.readTree("{\"value\":318}"));

        withPlans(Views.deployInProgress(), Views.emptyRecovery());
        assertThat(get("/v1/health").statusCode()).isEqualTo(202);

        withPlans(Views.deployWithErrors());
        HttpResponse<String> errors = get("/v1/health");
        assertThat(errors.statusCode()).isEqualTo(500);
        assertThat(json(errors)).isEqualTo(JSON.readTree("{\"value\":500}"));

        withPlans(Views.deployComplete(), Views.emptyRecovery());
        HttpResponse<String> running = get("/v1/health");
        assertThat(running.statusCode()).isEqualTo(200);
        assertThat(json(running)).isEqualTo(JSON.readTree("{\"value\":200}"));
    }

    @Test
    void every_request_reads_the_latest_view() throws Exception {
        assertThat(get("/v1/plans/deploy").statusCode()).isEqualTo(202);
        withPlans(Views.deployComplete());
        assertThat(get("/v1/plans/deploy").statusCode()).isEqualTo(200);
        assertThat(json(get("/v1/plans"))).isEqualTo(JSON.readTree("[\"deploy\"]"));
        VIEW.set(new ServiceView("other", Optional.of("fw-2"), List.of(), List.of(), List.of(), Optional.empty(), false));
        assertThat(json(get("/v1/state/frameworkId"))).isEqualTo(JSON.readTree("[\"fw-2\"]"));
        assertThat(json(get("/v1/pod/status")).get("service").asText()).isEqualTo("other");
    }

    @Test
    void unknown_paths_are_404_naming_method_and_path() throws Exception {
        assertText(get("/v1/nothing"), 404, "No such endpoint: GET /v1/nothing");
        assertText(get("/"), 404, "No such endpoint: GET /");
        assertText(get("/v1/pod/cockroachdb-0"), 404, "No such endpoint: GET /v1/pod/cockroachdb-0");
        assertText(send("POST", "/v1/metrics"), 404, "No such endpoint: POST /v1/metrics");
    }

    @Test
    void a_wrong_method_on_a_known_path_is_405_naming_the_allowed_one() throws Exception {
        HttpResponse<String> r = send("POST", "/v1/plans/deploy");
        assertText(r, 405, "Method POST not allowed on /v1/plans/deploy; use GET");
        assertThat(r.headers().firstValue("Allow")).hasValue("GET");
        assertText(send("DELETE", "/v1/pod/cockroachdb-0/info"), 405, "Method DELETE not allowed on /v1/pod/cockroachdb-0/info; use GET");
        assertText(send("PUT", "/v1/health"), 405, "Method PUT not allowed on /v1/health; use GET");
    }

    @Test
    void bad_path_parameters_are_400_naming_the_parameter() throws Exception {
        assertText(get("/v1/pod/cockroachdb%200/status"), 400,
                "Path parameter 'pod' is 'cockroachdb 0'; use only letters, digits, '.', '_' or '-'");
        assertText(get("/v1/plans/deploy$"), 400,
                "Path parameter 'plan' is 'deploy$'; use only letters, digits, '.', '_' or '-'");
        assertText(get("/v1/endpoints/"), 400, "Path parameter 'name' is empty; use letters, digits, '.', '_' or '-'");
        assertText(get("/v1/pod//status"), 400, "Path parameter 'pod' is empty; use letters, digits, '.', '_' or '-'");
        assertText(get("/v1/pod/a%2Fb/status"), 400, "Path parameter 'pod' is 'a/b'; use only letters, digits, '.', '_' or '-'");
    }

    @Test
    void requests_jetty_refuses_itself_get_a_one_line_text_reason_too() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET /v1/pod/a%zzb/status HTTP/1.1\r\nHost: api\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String response = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 400 ").containsIgnoringCase("content-type: text/plain")
                    .endsWith("\r\n\r\nBad Request\n");
        }
    }

    @Test
    void a_view_that_breaks_a_query_is_a_500_with_a_one_line_reason_and_the_server_keeps_serving() throws Exception {
        VIEW.set(new ServiceView("cockroachdb", Optional.empty(), List.of(), List.of(new PodView("cockroachdb-0",
                List.of(new TaskView("t", "cockroachdb-0-node-init", Optional.empty(), "not json", Optional.empty())))),
                List.of(), Optional.empty(), false));
        HttpResponse<String> r = get("/v1/pod/cockroachdb-0/info");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).startsWith("Internal error answering GET /v1/pod/cockroachdb-0/info: TaskInfo of task cockroachdb-0-node-init")
                .endsWith("\n").hasLineCount(1);
        assertThat(get("/v1/pod").statusCode()).isEqualTo(200);
    }

    @Test
    void a_port_in_use_is_a_clear_error() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            assertThatThrownBy(() -> ApiServer.start("127.0.0.1", taken.getLocalPort(), VIEW::get))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("cannot start the API on 127.0.0.1:" + taken.getLocalPort());
        }
        assertThatThrownBy(() -> ApiServer.start("127.0.0.1", 70000, VIEW::get))
                .hasMessage("API port must be 0..65535 (0 = any free port), got 70000");
    }
}
