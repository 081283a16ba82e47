package org.cockroachdb.mesos.scheduler.loop;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.cockroachdb.mesos.executor.spec.LaunchSpec;
import org.cockroachdb.mesos.scheduler.cockroach.NodeAddresses;
import org.cockroachdb.mesos.scheduler.cockroach.NodeLaunchSpecs;
import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.cockroachdb.mesos.scheduler.mesos.NodeTaskInfos;
import org.cockroachdb.mesos.scheduler.offer.AgentAttributes;
import org.cockroachdb.mesos.scheduler.offer.Evaluation;
import org.cockroachdb.mesos.scheduler.offer.OfferEvaluator;
import org.cockroachdb.mesos.scheduler.offer.OrphanCollector;
import org.cockroachdb.mesos.scheduler.offer.PlacedPod;
import org.cockroachdb.mesos.scheduler.offer.PodRequirement;
import org.cockroachdb.mesos.scheduler.offer.ReservationOwner;

/**
 * One round of offers, decided without side effects: which pods launch where (with the TaskInfo to
 * persist before the ACCEPT), which of our orphaned reservations to clean up, and which offers to
 * decline. The caller persists every launch before it sends anything.
 */
public final class OfferRound {

    /** The executor's own share of a pod: a small JVM. */
    static final double EXECUTOR_CPUS = 0.1;
    static final long EXECUTOR_MEM_MIB = 160;

    private OfferRound() {
    }

    /**
     * A pod that wants to launch now, with its previous launch when it goes back to those
     * reservations, and an agent to stay away from (the one a replaced pod leaves).
     */
    public record Want(int podIndex, Optional<TaskInfo> previous, Optional<String> avoidAgentId) {
        public Want(int podIndex, Optional<TaskInfo> previous) {
            this(podIndex, previous, Optional.empty());
        }
    }

    public record Input(
            ServiceConfig config,
            long revision,
            String frameworkId,
            boolean clusterInitialized,
            List<Want> wants,
            Map<Integer, TaskInfo> launched,
            List<Offer> offers) {}

    public record Launch(int podIndex, TaskInfo taskInfo, Offer offer, List<Offer.Operation> operations) {}

    public record Cleanup(Offer offer, List<Offer.Operation> operations) {}

    public record Output(List<Launch> launches, List<Cleanup> cleanups, List<OfferID> unneeded,
            List<OfferID> unfit, Map<Integer, List<String>> refusals) {}

    public static Output decide(Input in, Supplier<String> ids) {
        ServiceConfig config = in.config();
        ReservationOwner owner = new ReservationOwner(config.role(), config.principal());
        List<Offer> remaining = new ArrayList<>(in.offers());
        Map<Integer, String> placedHosts = new HashMap<>();
        List<PlacedPod> placed = new ArrayList<>();
        Set<String> live = new HashSet<>();
        in.launched().forEach((index, info) -> {
            placedHosts.put(index, NodeTaskInfos.hostname(info));
            placed.add(new PlacedPod(NodePods.podName(index), info.getAgentId().getValue(),
                    NodeTaskInfos.hostname(info), NodeTaskInfos.attributes(info)));
            live.addAll(OrphanCollector.resourceIds(info.getResourcesList()));
            live.addAll(OrphanCollector.resourceIds(info.getExecutor().getResourcesList()));
        });

        List<Evaluation.Match> matches = new ArrayList<>();
        List<Integer> matchedPods = new ArrayList<>();
        Map<Integer, List<String>> refusals = new LinkedHashMap<>();
        for (Want want : in.wants()) {
            int index = want.podIndex();
            if (!NodeAddresses.joinTargetsPlaced(config, index, placedHosts)) {
                refusals.put(index, List.of("waiting for " + NodePods.podName(0) + " to be placed first (its address"
                        + " is the join target)"));
                continue;
            }
            PodRequirement req = requirement(config, index, want.previous());
            List<PlacedPod> others = placed.stream().filter(p -> !p.podName().equals(NodePods.podName(index))).toList();
            List<Offer> candidates = want.avoidAgentId().isEmpty() ? remaining : remaining.stream()
                    .filter(o -> !o.getAgentId().getValue().equals(want.avoidAgentId().get())).toList();
            Evaluation evaluation = OfferEvaluator.evaluate(req, candidates, others, owner, ids);
            if (evaluation instanceof Evaluation.Match match) {
                placedHosts.put(index, match.offer().getHostname());
                placed.add(new PlacedPod(NodePods.podName(index), match.offer().getAgentId().getValue(),
                        match.offer().getHostname(), AgentAttributes.of(match.offer())));
                matches.add(match);
                matchedPods.add(index);
                remaining.remove(match.offer());
            } else {
                refusals.put(index, ((Evaluation.NoMatch) evaluation).reasons());
            }
        }

        // The join list is built once every pod of the round has its place, so that pods placed
        // together get the same list.
        List<String> join = NodeAddresses.joinList(config, placedHosts);
        List<Launch> launches = new ArrayList<>();
        for (int i = 0; i < matches.size(); i++) {
            Evaluation.Match match = matches.get(i);
            int index = matchedPods.get(i);
            boolean init = index == 0 && !in.clusterInitialized();
            LaunchSpec spec = NodeLaunchSpecs.of(config, index, match.offer().getHostname(), join, init);
            TaskInfo task = NodeTaskInfos.build(config, in.frameworkId(), in.revision(), index, match, spec, ids.get());
            launches.add(new Launch(index, task, match.offer(), match.operations()));
            live.addAll(OrphanCollector.resourceIds(task.getResourcesList()));
            live.addAll(OrphanCollector.resourceIds(task.getExecutor().getResourcesList()));
        }

        List<Cleanup> cleanups = new ArrayList<>();
        List<OfferID> unneeded = new ArrayList<>();
        List<OfferID> unfit = new ArrayList<>();
        for (Offer offer : remaining) {
            List<Offer.Operation> ops = OrphanCollector.operations(offer, live, owner);
            if (!ops.isEmpty()) {
                cleanups.add(new Cleanup(offer, ops));
            } else if (refusals.isEmpty()) {
                unneeded.add(offer.getId());
            } else {
                unfit.add(offer.getId());
            }
        }
        return new Output(launches, cleanups, unneeded, unfit, refusals);
    }

    static PodRequirement requirement(ServiceConfig config, int index, Optional<TaskInfo> previous) {
        return new PodRequirement(NodePods.podName(index), config.nodeCpus(), config.nodeMemMib(),
                List.of((long) config.pgPort(), (long) config.httpPort()), EXECUTOR_CPUS, EXECUTOR_MEM_MIB,
                config.nodeDiskMib(), config.nodeDiskType(), NodeLaunchSpecs.VOLUME_PATH, config.nodePlacement(),
                previous.map(NodeTaskInfos::footprint));
    }
}
