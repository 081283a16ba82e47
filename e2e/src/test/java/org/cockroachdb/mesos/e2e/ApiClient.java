package org.cockroachdb.mesos.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.cockroachdb.mesos.local.ApiReply;
import org.cockroachdb.mesos.local.SchedulerApi;

/** The scheduler API as the suites use it: status code plus JSON, and a few parsed views. */
final class ApiClient {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final SchedulerApi api;

    ApiClient(URI base) {
        this.api = new SchedulerApi(base);
    }

    /** {@code GET /v1/plans/<name>}. */
    ApiReply plan(String name) {
        return api.plan(name);
    }

    /** {@code POST <path>} without a body: the status code and the body. */
    ApiReply post(String path) {
        try {
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(api.base().resolve(path))
                            .POST(java.net.http.HttpRequest.BodyPublishers.noBody()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return new ApiReply(r.statusCode(), JSON.readTree(r.body().isBlank() ? "null" : r.body()), r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET /v1/pod/<pod>/info}: {@code [{"info":TaskInfo,"status":TaskStatus}]}. */
    ApiReply podInfo(String pod) {
        return api.get("/v1/pod/" + pod + "/info");
    }

    /** {@code GET /v1/pod/status}. */
    ApiReply podStatus() {
        return api.get("/v1/pod/status");
    }

    /** {@code GET /v1/endpoints/<name>}. */
    ApiReply endpoints(String name) {
        return api.endpoints(name);
    }

    /** {@code GET /v1/configurations/target}: the configuration the scheduler works towards. */
    ApiReply targetConfiguration() {
        return api.get("/v1/configurations/target");
    }

    /** {@code GET /v1/state/frameworkId}: {@code ["<id>"]}. */
    String frameworkId() {
        ApiReply r = api.get("/v1/state/frameworkId");
        expectOk(r, "/v1/state/frameworkId");
        return r.json().path(0).asText();
    }

    /** The tasks of one pod, parsed. */
    List<TaskSnapshot> tasksOf(String pod) {
        ApiReply r = podInfo(pod);
        expectOk(r, "/v1/pod/" + pod + "/info");
        return TaskSnapshot.allOf(r.json());
    }

    /** Pod instance names from {@code /v1/pod/status}, e.g. {@code cockroachdb-0}. */
    List<String> pods() {
        ApiReply r = podStatus();
        expectOk(r, "/v1/pod/status");
        List<String> out = new ArrayList<>();
        for (JsonNode type : r.json().path("pods")) {
            type.path("instances").forEach(i -> out.add(i.path("name").asText()));
        }
        return out;
    }

    /** Every task of every pod. */
    List<TaskSnapshot> allTasks() {
        List<TaskSnapshot> out = new ArrayList<>();
        pods().forEach(p -> out.addAll(tasksOf(p)));
        return out;
    }

    /** The {@code address} list of an endpoint, e.g. {@code 127.0.1.1:26257}. */
    List<String> addresses(String endpoint) {
        ApiReply r = endpoints(endpoint);
        expectOk(r, "/v1/endpoints/" + endpoint);
        List<String> out = new ArrayList<>();
        r.json().path("address").forEach(a -> out.add(a.asText()));
        return out;
    }

    private static void expectOk(ApiReply r, String path) {
        if (r.status() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + r.status() + ": " + r.body());
        }
    }

    /** The cpus each pod's node task reserves, from its TaskInfo, for pods 0..pods-1. */
    List<Double> reservedCpus(int pods) {
        List<Double> cpus = new ArrayList<>();
        for (int i = 0; i < pods; i++) {
            for (JsonNode entry : podInfo("cockroachdb-" + i).json()) {
                for (JsonNode r : entry.path("info").path("resources")) {
                    if (r.path("name").asText().equals("cpus")) {
                        cpus.add(r.path("scalar").path("value").asDouble());
                    }
                }
            }
        }
        return cpus;
    }
}
