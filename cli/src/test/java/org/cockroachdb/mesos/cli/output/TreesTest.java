package org.cockroachdb.mesos.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class TreesTest {

    private static JsonNode json(String text) {
        return Json.parse(text).orElseThrow();
    }

    @Test
    void aPlanIsDrawnAsTheSdkDrawsIt() {
        JsonNode plan = json("""
                {"phases":[
                  {"id":"p1","name":"node-deploy","steps":[
                    {"id":"s0","status":"COMPLETE","name":"cockroachdb-0:[node-init]","message":""},
                    {"id":"s1","status":"STARTING","name":"cockroachdb-1:[node-join]","message":"launching"}],
                   "status":"IN_PROGRESS","strategy":"serial"},
                  {"id":"p2","name":"last","steps":[
                    {"id":"s2","status":"PENDING","name":"cockroachdb-2:[node-join]","message":""}],
                   "status":"PENDING","strategy":"parallel"}],
                 "errors":[],"status":"IN_PROGRESS","strategy":"serial"}""");
        assertThat(PlanTree.render("deploy", plan)).isEqualTo("""
                deploy (serial strategy) (IN_PROGRESS)
                ├─ node-deploy (serial strategy) (IN_PROGRESS)
                │  ├─ cockroachdb-0:[node-init] (COMPLETE)
                │  └─ cockroachdb-1:[node-join] (STARTING)
                └─ last (parallel strategy) (PENDING)
                   └─ cockroachdb-2:[node-join] (PENDING)
                """);
    }

    @Test
    void aPlanWithErrorsListsThemUnderTheTree() {
        JsonNode plan = json("""
                {"phases":[],"errors":["NODE_COUNT cannot be lowered","NODE_DISK cannot change"],
                 "status":"ERROR","strategy":"serial"}""");
        assertThat(PlanTree.render("deploy", plan)).isEqualTo("""
                deploy (serial strategy) (ERROR)

                Errors:
                - NODE_COUNT cannot be lowered
                - NODE_DISK cannot change
                """);
    }

    @Test
    void podsAreDrawnByTypeInstanceAndTask() {
        JsonNode status = json("""
                {"service":"cockroachdb","pods":[
                  {"name":"cockroachdb","instances":[
                    {"name":"cockroachdb-0","tasks":[{"id":"t0","name":"cockroachdb-0-node-init","status":"RUNNING"}]},
                    {"name":"cockroachdb-1","tasks":[{"id":"t1","name":"cockroachdb-1-node-join","status":"STAGING"}]},
                    {"name":"cockroachdb-2","tasks":[]}]},
                  {"name":"admin","instances":[
                    {"name":"admin-0","tasks":[{"id":"a","name":"admin-0-backup","status":"FINISHED"}]}]}]}""");
        assertThat(PodTree.renderAll(status)).isEqualTo("""
                cockroachdb
                ├─ cockroachdb
                │  ├─ cockroachdb-0
                │  │  └─ cockroachdb-0-node-init (RUNNING)
                │  ├─ cockroachdb-1
                │  │  └─ cockroachdb-1-node-join (STAGING)
                │  └─ cockroachdb-2
                └─ admin
                   └─ admin-0
                      └─ admin-0-backup (FINISHED)
                """);
    }

    @Test
    void onePodIsItsNameOverItsTasks() {
        JsonNode pod = json("""
                {"name":"cockroachdb-0","tasks":[{"id":"t0","name":"cockroachdb-0-node-init","status":"RUNNING"}]}""");
        assertThat(PodTree.renderOne(pod)).isEqualTo("""
                cockroachdb-0
                └─ cockroachdb-0-node-init (RUNNING)
                """);
    }

    @Test
    void progressShowsTheStepAtWorkAndItsMessageAsIs() {
        JsonNode running = json("""
                {"phases":[{"name":"backup","steps":[
                   {"name":"admin-0:[backup]","status":"STARTED","message":"phase=upload  bytes=1048576"}],
                  "status":"IN_PROGRESS","strategy":"serial"}],"errors":[],"status":"IN_PROGRESS","strategy":"serial"}""");
        assertThat(PlanProgress.line("backup", running))
                .isEqualTo("backup IN_PROGRESS: admin-0:[backup] phase=upload bytes=1048576");
        assertThat(PlanProgress.stage(running)).isEqualTo(PlanProgress.Stage.RUNNING);

        JsonNode failed = json("""
                {"phases":[{"name":"backup","steps":[
                   {"name":"a","status":"COMPLETE","message":"done"},
                   {"name":"b","status":"ERROR","message":"access denied"}]}],
                 "errors":[],"status":"ERROR","strategy":"serial"}""");
        assertThat(PlanProgress.line("backup", failed)).isEqualTo("backup ERROR: b access denied");
        assertThat(PlanProgress.stage(failed)).isEqualTo(PlanProgress.Stage.ERROR);

        JsonNode done = json("""
                {"phases":[{"name":"backup","steps":[{"name":"a","status":"COMPLETE","message":"bytes=10"}]}],
                 "errors":[],"status":"COMPLETE","strategy":"serial"}""");
        assertThat(PlanProgress.line("backup", done)).isEqualTo("backup COMPLETE: a bytes=10");
        assertThat(PlanProgress.stage(done)).isEqualTo(PlanProgress.Stage.COMPLETE);
    }

    @Test
    void redactionMasksEverySecretOccurrence() {
        Redaction r = new Redaction(java.util.List.of("s3cr3t", ""));
        assertThat(r.apply("key=s3cr3t again s3cr3t")).isEqualTo("key=**** again ****");
        assertThat(Redaction.none().apply("s3cr3t")).isEqualTo("s3cr3t");
    }
}
