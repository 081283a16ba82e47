package org.cockroachdb.mesos.scheduler.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cockroachdb.mesos.scheduler.plan.DeployPlan;
import org.cockroachdb.mesos.scheduler.plan.DesiredNode;
import org.cockroachdb.mesos.scheduler.plan.ObservedTask;
import org.cockroachdb.mesos.scheduler.plan.Phase;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.PlanIds;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.Step;
import org.cockroachdb.mesos.scheduler.plan.Strategy;

/** Hand-built views, the way the event loop would publish them. */
final class Views {

    static final String FRAMEWORK_ID = "a5b3c9d2-0b1e-4c55-9d0e-7f6a1b2c3d4e-0001";

    private Views() {
    }

    static ObservedTask running(int node, boolean ready) {
        DesiredNode n = DesiredNode.of(node);
        return new ObservedTask(n.taskName(), n.podName(), Optional.of("TASK_RUNNING"), 1, ready, "");
    }

    /** Node 0 ready, node 1 waiting for readiness, node 2 not launched yet. */
    static Plan deployInProgress() {
        return DeployPlan.of(DesiredNode.ofCount(3), 1,
                Map.of("cockroachdb-0-node-init", running(0, true), "cockroachdb-1-node-join", running(1, false)),
                Set.of(), Map.of(), List.of());
    }

    static Plan deployComplete() {
        return DeployPlan.of(DesiredNode.ofCount(2), 1,
                Map.of("cockroachdb-0-node-init", running(0, true), "cockroachdb-1-node-join", running(1, true)),
                Set.of(), Map.of(), List.of());
    }

    static Plan deployWithErrors() {
        return DeployPlan.of(DesiredNode.ofCount(1), 1, Map.of("cockroachdb-0-node-init", running(0, true)),
                Set.of(), Map.of(), List.of("NODE_COUNT: cannot shrink from 3 to 1"));
    }

    static Plan recovery(Status stepStatus) {
        Step step = new Step(PlanIds.step("recovery", "cockroachdb-1", "cockroachdb-1:[node-join]"),
                "cockroachdb-1:[node-join]", stepStatus, "", "cockroachdb-1");
        return new Plan("recovery", Strategy.PARALLEL,
                List.of(new Phase(PlanIds.phase("recovery", "cockroachdb-1"), "cockroachdb-1", Strategy.SERIAL, List.of(step))),
                List.of(), false);
    }

    static Plan emptyRecovery() {
        return new Plan("recovery", Strategy.PARALLEL, List.of(), List.of(), false);
    }

    static String taskInfo(String name) {
        return "{\"name\":\"" + name + "\",\"task_id\":{\"value\":\"" + taskId(name) + "\"},"
                + "\"agent_id\":{\"value\":\"agent-1\"},\"resources\":[{\"name\":\"cpus\",\"type\":\"SCALAR\",\"scalar\":{\"value\":1.0}}]}";
    }

    static String taskStatus(String name, String state) {
        return "{\"task_id\":{\"value\":\"" + taskId(name) + "\"},\"state\":\"" + state + "\",\"ready\":true}";
    }

    static String taskId(String name) {
        return "cockroachdb__" + name + "__0f0e0d0c-0b0a-0908-0706-050403020100";
    }

    static TaskView task(String name, String state) {
        return new TaskView(taskId(name), name, Optional.ofNullable(state), taskInfo(name),
                Optional.ofNullable(state).map(s -> taskStatus(name, s)));
    }

    /** Three nodes plus a tenth and an admin pod, so that sorting and grouping show. */
    static ServiceView deploying() {
        return new ServiceView("cockroachdb", Optional.of(FRAMEWORK_ID),
                List.of(deployInProgress(), emptyRecovery()),
                List.of(
                        new PodView("cockroachdb-0", List.of(task("cockroachdb-0-node-init", "TASK_RUNNING"))),
                        new PodView("cockroachdb-1", List.of(task("cockroachdb-1-node-join", "TASK_RUNNING"))),
                        new PodView("cockroachdb-2", List.of(task("cockroachdb-2-node-join", null))),
                        new PodView("cockroachdb-10", List.of(task("cockroachdb-10-node-join", "TASK_STAGING"))),
                        new PodView("admin-0", List.of(task("admin-0-backup", "TASK_FINISHED")))),
                List.of(
                        new EndpointView("http", List.of("10.0.0.1:8080", "10.0.0.2:8080"),
                                List.of("cockroachdb-0-node-init.cockroachdb.autoip.dcos.thisdcos.directory:8080",
                                        "cockroachdb-1-node-join.cockroachdb.autoip.dcos.thisdcos.directory:8080"),
                                "http.cockroachdb.l4lb.thisdcos.directory:80"),
                        new EndpointView("pg", List.of("10.0.0.1:26257", "10.0.0.2:26257"),
                                List.of("cockroachdb-0-node-init.cockroachdb.autoip.dcos.thisdcos.directory:26257",
                                        "cockroachdb-1-node-join.cockroachdb.autoip.dcos.thisdcos.directory:26257"),
                                "pg.cockroachdb.l4lb.thisdcos.directory:26257")),
                Optional.of("{\"serviceName\":\"cockroachdb\",\"nodeCount\":3}"),
                false);
    }

    static ServiceView withPlans(ServiceView view, Plan... plans) {
        return new ServiceView(view.serviceName(), view.frameworkId(), List.of(plans), view.pods(), view.endpoints(),
                view.targetConfigJson(), view.initializing());
    }
}
