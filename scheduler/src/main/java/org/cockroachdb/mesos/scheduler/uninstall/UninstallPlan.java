package org.cockroachdb.mesos.scheduler.uninstall;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.apache.mesos.v1.Protos.TaskState;
import org.cockroachdb.mesos.scheduler.mesos.StatusReports;
import org.cockroachdb.mesos.scheduler.plan.Phase;
import org.cockroachdb.mesos.scheduler.plan.Plan;
import org.cockroachdb.mesos.scheduler.plan.PlanIds;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.plan.Step;
import org.cockroachdb.mesos.scheduler.plan.Strategy;

/**
 * The uninstall, shown as the {@code deploy} plan so that Cosmos and the CLI see its progress.
 * Phases run one after the other: {@code kill-tasks} (a step per known task), then
 * {@code unreserve-resources} (a step per agent holding reservations of ours, each covering every
 * unique resource id there), then {@code deregister-service} (delete the state, tear the framework
 * down). Steps per agent, not per resource id, so that an agent that vanished costs the operator
 * one force-complete. Pure: built from what is known, after every event.
 */
public final class UninstallPlan {

    public static final String NAME = "deploy";
    public static final String KILL_PHASE = "kill-tasks";
    public static final String UNRESERVE_PHASE = "unreserve-resources";
    public static final String DEREGISTER_PHASE = "deregister-service";
    public static final String DEREGISTER_STEP = "deregister";

    private UninstallPlan() {
    }

    /**
     * A task the uninstall must see over.
     *
     * @param state    its last known state; empty if none was ever heard
     * @param killSent a KILL went out for it from this scheduler
     */
    public record TaskToKill(String taskName, String podName, Optional<TaskState> state, boolean killSent) {
        public TaskToKill {
            Objects.requireNonNull(taskName, "taskName");
            Objects.requireNonNull(podName, "podName");
            Objects.requireNonNull(state, "state");
        }
    }

    /** The reservations of ours the stored tasks place on one agent, by unique resource id. */
    public record AgentReservations(String agentId, String hostname, Set<String> resourceIds) {
        public AgentReservations {
            Objects.requireNonNull(agentId, "agentId");
            Objects.requireNonNull(hostname, "hostname");
            resourceIds = Set.copyOf(resourceIds);
        }
    }

    /** How far the last phase got. The framework is torn down before its state is deleted, so
     * STATE_DELETED is only ever shown by plans of older schedulers. */
    public enum Deregistration {
        PENDING,
        STATE_DELETED,
        TORN_DOWN
    }

    /**
     * @param released      per agent id, the resource ids an offer from that agent no longer carried
     * @param frameworkGone Mesos removed the framework (e.g. its failover timeout expired): its tasks
     *                      are gone with it, and its reservations can no longer be released by it
     */
    public record Input(List<TaskToKill> tasks, List<AgentReservations> agents, Map<String, Set<String>> released,
                        boolean frameworkGone, Deregistration deregistration) {
        public Input {
            tasks = List.copyOf(tasks);
            agents = List.copyOf(agents);
            released = Map.copyOf(released);
            Objects.requireNonNull(deregistration, "deregistration");
        }
    }

    public static Plan of(Input in) {
        List<Step> kills = new ArrayList<>();
        for (TaskToKill task : in.tasks()) {
            Progress p = kill(task, in.frameworkGone());
            kills.add(step(KILL_PHASE, task.taskName(), p, task.podName()));
        }
        List<Step> releases = new ArrayList<>();
        for (AgentReservations agent : in.agents()) {
            Progress p = release(agent, in.released().getOrDefault(agent.agentId(), Set.of()), in.frameworkGone());
            releases.add(step(UNRESERVE_PHASE, agent.agentId(), p, ""));
        }
        Step deregister = step(DEREGISTER_PHASE, DEREGISTER_STEP, deregister(in.deregistration()), "");
        return new Plan(NAME, Strategy.SERIAL, List.of(
                phase(KILL_PHASE, Strategy.PARALLEL, kills),
                phase(UNRESERVE_PHASE, Strategy.PARALLEL, releases),
                phase(DEREGISTER_PHASE, Strategy.SERIAL, List.of(deregister))), List.of(), false);
    }

    /** What a restart finds once the state is gone: nothing left to do. */
    public static Plan completed() {
        return of(new Input(List.of(), List.of(), Map.of(), false, Deregistration.TORN_DOWN));
    }

    /** Whether every step of the phase is complete (force-completed ones included) in a rendered plan. */
    public static boolean phaseComplete(Plan plan, String phase) {
        return plan.phases().stream().filter(p -> p.name().equals(phase)).allMatch(p -> p.status() == Status.COMPLETE);
    }

    /** A task is over when it ended, or when Mesos no longer knows it (asked after it lost track). */
    static boolean over(Optional<TaskState> state) {
        return state.map(s -> StatusReports.isTerminal(s) || s == TaskState.TASK_UNKNOWN).orElse(false);
    }

    private record Progress(Status status, String message) {}

    private static Progress kill(TaskToKill task, boolean frameworkGone) {
        if (over(task.state())) {
            return new Progress(Status.COMPLETE, task.state().orElseThrow().name());
        }
        if (frameworkGone) {
            return new Progress(Status.COMPLETE, "the framework was removed from Mesos, and its tasks with it");
        }
        String state = task.state().map(TaskState::name).orElse("no status yet");
        if (task.state().equals(Optional.of(TaskState.TASK_UNREACHABLE))) {
            return new Progress(task.killSent() ? Status.STARTING : Status.PENDING, state
                    + ": its agent is unreachable; waiting for it to return (force-complete this step to go on"
                    + " without it)");
        }
        if (task.killSent()) {
            return new Progress(Status.STARTING, state + ": kill sent, waiting for the task to end");
        }
        return new Progress(Status.PENDING, state + ": to be killed");
    }

    private static Progress release(AgentReservations agent, Set<String> released, boolean frameworkGone) {
        Set<String> left = new HashSet<>(agent.resourceIds());
        left.removeAll(released);
        int total = agent.resourceIds().size();
        if (left.isEmpty()) {
            return new Progress(Status.COMPLETE, "released " + total + " reservation(s) on " + agent.hostname());
        }
        if (frameworkGone) {
            return new Progress(Status.PENDING, "the framework was removed from Mesos, so it can no longer release"
                    + " its " + left.size() + " reservation(s) on " + agent.hostname() + "; release them with the"
                    + " operator API, then force-complete this step");
        }
        String waiting = "waiting for an offer from " + agent.hostname() + " (agent " + agent.agentId()
                + ") to release " + left.size() + " of " + total + " reservation(s); if the agent is gone for good,"
                + " force-complete this step";
        return new Progress(left.size() < total ? Status.STARTING : Status.PENDING, waiting);
    }

    private static Progress deregister(Deregistration deregistration) {
        return switch (deregistration) {
            case PENDING -> new Progress(Status.PENDING,
                    "waits for every task to be over and every reservation to be released");
            case STATE_DELETED -> new Progress(Status.STARTING,
                    "state deleted from ZooKeeper; tearing the framework down");
            case TORN_DOWN -> new Progress(Status.COMPLETE, "framework torn down and its state deleted");
        };
    }

    private static Step step(String phase, String name, Progress progress, String pod) {
        return new Step(PlanIds.step(NAME, phase, name), name, progress.status(), progress.message(), pod);
    }

    private static Phase phase(String name, Strategy strategy, List<Step> steps) {
        return new Phase(PlanIds.phase(NAME, name), name, strategy, steps);
    }
}
