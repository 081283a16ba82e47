package org.cockroachdb.mesos.scheduler.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

import org.apache.curator.test.TestingServer;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.cockroachdb.mesos.scheduler.loop.ScheduledService;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.plan.Status;
import org.cockroachdb.mesos.scheduler.state.TaskRecord;
import org.cockroachdb.mesos.testkit.emulator.EmulatorConfig;
import org.cockroachdb.mesos.testkit.emulator.MesosEmulator;

/**
 * The scheduler's own overhead in a deploy on the emulator, with executors that start no database
 * (docs/BENCHMARKS.md). Per node: from the executor's "ready" status being handled (its
 * acknowledgement goes out) to the node's step showing COMPLETE; and for a node whose executor
 * dies while offers are suppressed, from its failure being handled to the ACCEPT that relaunches
 * it (one REVIVE and the emulator's offer round trip included). Also the whole deploy, subscribe to COMPLETE, for 3 and 10 nodes.
 */
public final class DeployStepOverheadBench {

    private static final int RUNS = 5;

    private DeployStepOverheadBench() {
    }

    public static void main(String[] args) throws Exception {
        for (int nodes : new int[] {3, 10}) {
            List<Long> deploy = new ArrayList<>();
            List<Long> readyToComplete = new ArrayList<>();
            List<Long> failureToRelaunch = new ArrayList<>();
            for (int run = 0; run < RUNS; run++) {
                measure(nodes, deploy, readyToComplete, failureToRelaunch);
            }
            print(nodes + " nodes: subscribe -> deploy plan COMPLETE (ms)", deploy);
            print(nodes + " nodes: ready status handled -> step COMPLETE (ms)", readyToComplete);
            print(nodes + " nodes: executor failure handled -> relaunch ACCEPT sent (ms)", failureToRelaunch);
        }
    }

    private static void measure(int nodes, List<Long> deploy, List<Long> readyToComplete, List<Long> failureToRelaunch)
            throws Exception {
        Path work = Files.createTempDirectory("deploy-bench");
        try (TestingServer zk = new TestingServer(true);
                MesosEmulator emulator = MesosEmulator.start(EmulatorConfig.withAgents(nodes, work).fast())) {
            long t0 = System.nanoTime();
            try (ScheduledService s = ScheduledService.start(emulator.masterUri().toString(), zk.getConnectString(),
                    nodes, Map.of())) {
                List<Long> acks = new ArrayList<>();
                long complete = waitFor(() -> s.service.view().plans().get(0).status() == Status.COMPLETE);
                deploy.add((complete - t0) / 1_000_000);
                for (ScheduledService.SentCall c : List.copyOf(s.calls)) {
                    if (c.call().getType() == Call.Type.ACKNOWLEDGE) {
                        acks.add(c.nanoTime());
                    }
                }
                readyToComplete.add((complete - Collections.max(acks)) / 1_000_000);

                TaskInfo victim = s.service.store().tasks().stream().map(TaskRecord::taskInfo)
                        .map(NodeTaskInfos::parse).filter(t -> t.getName().endsWith("-1-node-join")).findFirst()
                        .orElseThrow();
                // Measure from the idle state: offers suppressed once the deploy is done.
                waitFor(() -> List.copyOf(s.calls).stream().map(c -> c.call().getType())
                        .filter(t -> t == Call.Type.SUPPRESS || t == Call.Type.REVIVE)
                        .reduce((first, second) -> second).orElse(Call.Type.REVIVE) == Call.Type.SUPPRESS);
                int before = s.calls.size();
                emulator.faults().crashExecutor(s.service.view().frameworkId().orElseThrow(),
                        victim.getExecutor().getExecutorId().getValue());
                waitFor(() -> relaunchAccept(s, before).isPresent());
                List<ScheduledService.SentCall> after = List.copyOf(s.calls).subList(before, s.calls.size());
                long failureAck = after.stream().filter(c -> c.call().getType() == Call.Type.ACKNOWLEDGE)
                        .filter(c -> c.call().getAcknowledge().getTaskId().equals(victim.getTaskId()))
                        .mapToLong(ScheduledService.SentCall::nanoTime).min().orElseThrow();
                failureToRelaunch.add((relaunchAccept(s, before).orElseThrow() - failureAck) / 1_000_000);
            }
        }
    }

    private static Optional<Long> relaunchAccept(ScheduledService s, int from) {
        List<ScheduledService.SentCall> calls = List.copyOf(s.calls);
        return calls.subList(Math.min(from, calls.size()), calls.size()).stream()
                .filter(c -> c.call().getType() == Call.Type.ACCEPT)
                .filter(c -> c.call().getAccept().getOperationsList().stream()
                        .anyMatch(o -> o.getType() == Offer.Operation.Type.LAUNCH))
                .map(ScheduledService.SentCall::nanoTime).findFirst();
    }

    private interface Condition {
        boolean met() throws Exception;
    }

    private static long waitFor(Condition c) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        while (!c.met()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out");
            }
            LockSupport.parkNanos(200_000);
        }
        return System.nanoTime();
    }

    private static void print(String what, List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        System.out.printf("%-70s median %6d  min %6d  max %6d  (n=%d)%n", what, sorted.get(sorted.size() / 2),
                sorted.get(0), sorted.get(sorted.size() - 1), sorted.size());
    }
}
