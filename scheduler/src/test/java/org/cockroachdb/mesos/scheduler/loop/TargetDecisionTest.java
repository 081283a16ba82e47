package org.cockroachdb.mesos.scheduler.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.cockroachdb.mesos.scheduler.state.ConfigRevision;
import org.junit.jupiter.api.Test;

class TargetDecisionTest {

    private static final Map<String, String> THREE_NODES = Map.of("NODE_COUNT", "3", "NODE_CPUS", "1",
            "PATH", "/usr/bin", "FRAMEWORK_NAME", "cockroachdb");

    @Test
    void aFirstValidConfigIsStoredAsItsSettingsOnly() {
        TargetDecision.Run run = (TargetDecision.Run) TargetDecision.decide(THREE_NODES, Optional.empty());

        assertThat(run.storeAsNew()).isTrue();
        assertThat(run.errors()).isEmpty();
        assertThat(run.json()).isEqualTo("{\"FRAMEWORK_NAME\":\"cockroachdb\",\"NODE_COUNT\":\"3\",\"NODE_CPUS\":\"1\"}");
        assertThat(run.config().nodeCount()).isEqualTo(3);
    }

    @Test
    void aFirstInvalidConfigRefusesToStartAndNamesTheVariable() {
        TargetDecision decision = TargetDecision.decide(Map.of("NODE_CPUS", "-1"), Optional.empty());

        assertThat(decision).isInstanceOf(TargetDecision.Refuse.class);
        assertThat(((TargetDecision.Refuse) decision).errors()).anySatisfy(e -> assertThat(e).contains("NODE_CPUS"));
    }

    @Test
    void anInvalidChangeKeepsTheStoredTargetAndSaysWhy() {
        ConfigRevision stored = new ConfigRevision(4, TargetDecision.settingsJson(THREE_NODES));

        TargetDecision.Run run = (TargetDecision.Run) TargetDecision.decide(
                Map.of("NODE_COUNT", "3", "NODE_DISK_TYPE", "FLOPPY"), Optional.of(stored));

        assertThat(run.storeAsNew()).isFalse();
        assertThat(run.json()).isEqualTo(stored.json());
        assertThat(run.config().nodeCpus()).isEqualTo(1.0);
        assertThat(run.errors()).anySatisfy(e -> assertThat(e).contains("NODE_DISK_TYPE"))
                .anySatisfy(e -> assertThat(e).contains("still running target revision 4"));
    }

    @Test
    void anUnsafeChangeKeepsTheStoredTarget() {
        ConfigRevision stored = new ConfigRevision(1, TargetDecision.settingsJson(THREE_NODES));

        TargetDecision.Run run = (TargetDecision.Run) TargetDecision.decide(
                Map.of("NODE_COUNT", "3", "NODE_DISK_TYPE", "MOUNT"), Optional.of(stored));

        assertThat(run.storeAsNew()).isFalse();
        assertThat(run.errors()).anySatisfy(e -> assertThat(e).contains("NODE_DISK_TYPE"));
    }

    @Test
    void theSameSettingsAreNotStoredAgain() {
        ConfigRevision stored = new ConfigRevision(2, TargetDecision.settingsJson(THREE_NODES));

        TargetDecision.Run run = (TargetDecision.Run) TargetDecision.decide(THREE_NODES, Optional.of(stored));

        assertThat(run.storeAsNew()).isFalse();
        assertThat(run.errors()).isEmpty();
    }

    @Test
    void aSafeChangeBecomesTheNewTarget() {
        ConfigRevision stored = new ConfigRevision(2, TargetDecision.settingsJson(THREE_NODES));

        TargetDecision.Run run = (TargetDecision.Run) TargetDecision.decide(
                Map.of("NODE_COUNT", "3", "NODE_CPUS", "2"), Optional.of(stored));

        assertThat(run.storeAsNew()).isTrue();
        assertThat(run.config().nodeCpus()).isEqualTo(2.0);
    }

    @Test
    void aRefusedChangeStillTakesThisProcesssApiPortAndMaster() {
        ConfigRevision stored = new ConfigRevision(1, TargetDecision.settingsJson(
                Map.of("NODE_COUNT", "3", "PORT_API", "10000", "MESOS_MASTER", "http://old:5050")));

        TargetDecision.Run run = (TargetDecision.Run) TargetDecision.decide(Map.of("NODE_COUNT", "3",
                "NODE_CPUS", "-1", "PORT_API", "10001", "MESOS_MASTER", "http://new:5050"), Optional.of(stored));

        assertThat(run.errors()).anySatisfy(e -> assertThat(e).contains("NODE_CPUS"));
        assertThat(run.config().apiPort()).isEqualTo(10001);
        assertThat(run.config().mesosMaster().address()).isEqualTo("http://new:5050");
        assertThat(run.json()).isEqualTo(stored.json());
    }

    @Test
    void removingNodesIsAcceptedWhileAReplicationFactorOfNodesRemainsAndVersionChangesRoll() {
        ConfigRevision stored = new ConfigRevision(3, TargetDecision.settingsJson(
                Map.of("NODE_COUNT", "5", "COCKROACH_VERSION", "v23.1.11")));

        TargetDecision.Run shrink = (TargetDecision.Run) TargetDecision.decide(
                Map.of("NODE_COUNT", "3", "COCKROACH_VERSION", "v23.1.11"), Optional.of(stored));
        TargetDecision.Run tooSmall = (TargetDecision.Run) TargetDecision.decide(
                Map.of("NODE_COUNT", "2", "COCKROACH_VERSION", "v23.1.11"), Optional.of(stored));
        TargetDecision.Run major = (TargetDecision.Run) TargetDecision.decide(
                Map.of("NODE_COUNT", "5", "COCKROACH_VERSION", "v23.2.1"), Optional.of(stored));
        TargetDecision.Run patch = (TargetDecision.Run) TargetDecision.decide(
                Map.of("NODE_COUNT", "5", "COCKROACH_VERSION", "v23.1.12"), Optional.of(stored));
        TargetDecision.Run grow = (TargetDecision.Run) TargetDecision.decide(
                Map.of("NODE_COUNT", "6", "COCKROACH_VERSION", "v23.1.11"), Optional.of(stored));

        assertThat(shrink.storeAsNew()).isTrue();
        assertThat(shrink.relaunchesNodes()).isFalse();
        assertThat(shrink.config().nodeCount()).isEqualTo(3);
        assertThat(tooSmall.storeAsNew()).isFalse();
        assertThat(tooSmall.errors()).anySatisfy(e -> assertThat(e).startsWith("NODE_COUNT cannot change from 5 to 2"));
        assertThat(major.storeAsNew()).isTrue();
        assertThat(major.relaunchesNodes()).isTrue();
        assertThat(major.errors()).isEmpty();
        assertThat(patch.storeAsNew()).isTrue();
        assertThat(patch.relaunchesNodes()).isTrue();
        assertThat(grow.storeAsNew()).isTrue();
    }

    @Test
    void aSmallClusterCannotShrinkEither() {
        ConfigRevision stored = new ConfigRevision(1, TargetDecision.settingsJson(Map.of("NODE_COUNT", "2")));

        TargetDecision.Run run = (TargetDecision.Run) TargetDecision.decide(Map.of("NODE_COUNT", "1"),
                Optional.of(stored));

        assertThat(run.storeAsNew()).isFalse();
        assertThat(run.errors()).anySatisfy(e -> assertThat(e)
                .startsWith("NODE_COUNT cannot change from 2 to 1").contains("at least 3 nodes to remain"));
    }

    @Test
    void raisingTheCountWhileARemovedPodIsStillBeingDecommissionedIsRefused() {
        ConfigRevision stored = new ConfigRevision(7, TargetDecision.settingsJson(Map.of("NODE_COUNT", "4")));
        List<String> removing = List.of("cockroachdb-0-node-init", "cockroachdb-3-node-join", "cockroachdb-4-node-join");

        TargetDecision.Run raise = (TargetDecision.Run) TargetDecision.decide(Map.of("NODE_COUNT", "5"),
                Optional.of(stored), removing);
        TargetDecision.Run lower = (TargetDecision.Run) TargetDecision.decide(Map.of("NODE_COUNT", "3"),
                Optional.of(stored), removing);
        TargetDecision.Run raiseWhenDone = (TargetDecision.Run) TargetDecision.decide(Map.of("NODE_COUNT", "5"),
                Optional.of(stored), removing.subList(0, 2));

        assertThat(raise.storeAsNew()).isFalse();
        assertThat(raise.errors()).anySatisfy(e -> assertThat(e).startsWith("NODE_COUNT cannot change from 4 to 5")
                .contains("cockroachdb-4-node-join is being decommissioned"));
        assertThat(lower.storeAsNew()).isTrue();
        assertThat(raiseWhenDone.storeAsNew()).isTrue();
    }

    private static final ConfigRevision ON_23_1 = new ConfigRevision(7, TargetDecision.settingsJson(
            Map.of("NODE_COUNT", "3", "COCKROACH_VERSION", "v23.1.11")));

    private static TargetDecision.Run decide(String version, Optional<UpgradeRecord> upgrade) {
        return (TargetDecision.Run) TargetDecision.decide(Map.of("NODE_COUNT", "3", "COCKROACH_VERSION", version),
                Optional.of(ON_23_1), List.of(), upgrade.map(UpgradeRecord::encode));
    }

    private static Optional<UpgradeRecord> upgrade(UpgradeRecord.Stage stage) {
        return Optional.of(UpgradeRecord.preserving(new org.cockroachdb.mesos.scheduler.config.ReleaseSeries(22, 2),
                new org.cockroachdb.mesos.scheduler.config.ReleaseSeries(23, 1)).at(stage));
    }

    @Test
    void aMajorUpgradeWaitsForThePreviousOneToBeFinalizedAndBiggerJumpsAreRefused() {
        assertThat(decide("v23.2.0", Optional.empty()).storeAsNew()).isTrue();
        assertThat(decide("v23.2.0", upgrade(UpgradeRecord.Stage.FINALIZED)).storeAsNew()).isTrue();

        TargetDecision.Run unfinalized = decide("v23.2.0", upgrade(UpgradeRecord.Stage.ROLLING));
        TargetDecision.Run skipping = decide("v24.2.0", Optional.empty());

        assertThat(unfinalized.storeAsNew()).isFalse();
        assertThat(unfinalized.errors()).contains("COCKROACH_VERSION cannot change from v23.1.11 to v23.2.0: the"
                + " upgrade from v22.2 to v23.1 is not finalized yet; finalize it first (plan start finalize)");
        assertThat(skipping.storeAsNew()).isFalse();
        assertThat(skipping.errors()).anySatisfy(e -> assertThat(e).startsWith(
                "COCKROACH_VERSION cannot change from v23.1.11 to v24.2.0").contains("one major version at a time"));
    }

    @Test
    void goingBackAMajorIsARollbackOnlyBeforeTheUpgradeFinalizes() {
        for (UpgradeRecord.Stage open : List.of(UpgradeRecord.Stage.PRESERVING, UpgradeRecord.Stage.ROLLING)) {
            TargetDecision.Run back = decide("v22.2.15", upgrade(open));
            assertThat(back.storeAsNew()).as(open.name()).isTrue();
            assertThat(back.relaunchesNodes()).isTrue();
            assertThat(back.errors()).isEmpty();
        }
        TargetDecision.Run finalizing = decide("v22.2.15", upgrade(UpgradeRecord.Stage.FINALIZING));
        TargetDecision.Run finalized = decide("v22.2.15", upgrade(UpgradeRecord.Stage.FINALIZED));
        TargetDecision.Run never = decide("v22.2.15", Optional.empty());

        assertThat(finalizing.storeAsNew()).isFalse();
        assertThat(finalizing.errors()).anySatisfy(e -> assertThat(e).isEqualTo("COCKROACH_VERSION cannot change"
                + " from v23.1.11 to v22.2.15: the upgrade is being finalized; there is no way back"));
        assertThat(finalized.storeAsNew()).isFalse();
        assertThat(finalized.errors()).anySatisfy(e -> assertThat(e).contains("only allowed within the same major"));
        assertThat(never.storeAsNew()).isFalse();
        assertThat(never.errors()).anySatisfy(e -> assertThat(e).contains(
                "only an upgrade that is not finalized can be rolled back"));
    }
}
