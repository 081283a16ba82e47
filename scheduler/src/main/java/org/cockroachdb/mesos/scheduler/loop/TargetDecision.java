package org.cockroachdb.mesos.scheduler.loop;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.cockroachdb.mesos.scheduler.cockroach.NodePods;
import org.cockroachdb.mesos.scheduler.config.ConfigChange;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.cockroachdb.mesos.scheduler.config.Setting;
import org.cockroachdb.mesos.scheduler.config.VersionChangeKind;
import org.cockroachdb.mesos.scheduler.state.ConfigRevision;

/**
 * What the scheduler runs at start: the environment's config if it is valid and a safe change from
 * the stored target, else the stored target with the reasons shown as plan errors. A target is
 * stored as the service's own settings (the variables of {@link Setting} that were set), so it
 * re-parses to the same config.
 */
public sealed interface TargetDecision {

    /** Nothing stored and nothing usable: the scheduler must not start. */
    record Refuse(List<String> errors) implements TargetDecision {}

    /**
     * Run {@code config}; store {@code json} as a new target first when {@code storeAsNew}.
     * {@code relaunchesNodes}: the new target changes what the nodes run (a first install, or a
     * setting that rolls), so nodes launched for earlier targets are out of date; a change that
     * only scales or concerns the scheduler leaves them current.
     */
    record Run(ServiceConfig config, String json, boolean storeAsNew, boolean relaunchesNodes, List<String> errors,
            List<String> warnings) implements TargetDecision {}

    ObjectMapper JSON = new ObjectMapper();

    static TargetDecision decide(Map<String, String> env, Optional<ConfigRevision> stored) {
        return decide(env, stored, List.of());
    }

    /**
     * @param storedTaskNames the tasks the state store holds: a node task beyond the stored node count
     *                        is a pod still being decommissioned
     */
    static TargetDecision decide(Map<String, String> env, Optional<ConfigRevision> stored,
            Collection<String> storedTaskNames) {
        return decide(env, stored, storedTaskNames, Optional.empty());
    }

    /**
     * @param storedUpgrade the stored upgrade record (property {@link SchedulerLoop#UPGRADE_PROPERTY}), if any:
     *                      a major upgrade waits for the previous one to be finalized, and a rollback
     *                      is only possible before its upgrade is finalized
     */
    static TargetDecision decide(Map<String, String> env, Optional<ConfigRevision> stored,
            Collection<String> storedTaskNames, Optional<String> storedUpgrade) {
        ServiceConfig.Parsed parsed = ServiceConfig.parse(env);
        String envJson = settingsJson(env);
        if (stored.isEmpty()) {
            if (parsed instanceof ServiceConfig.Parsed.Valid valid) {
                return new Run(valid.config(), envJson, true, true, List.of(), valid.warnings());
            }
            return new Refuse(((ServiceConfig.Parsed.Invalid) parsed).errors());
        }
        ServiceConfig.Parsed storedParsed = ServiceConfig.parse(settings(stored.get().json()));
        if (!(storedParsed instanceof ServiceConfig.Parsed.Valid storedValid)) {
            List<String> errors = new ArrayList<>(List.of("the stored target (revision " + stored.get().revision()
                    + ") no longer parses:"));
            errors.addAll(((ServiceConfig.Parsed.Invalid) storedParsed).errors());
            return new Refuse(errors);
        }
        ServiceConfig current = storedValid.config();
        if (parsed instanceof ServiceConfig.Parsed.Invalid invalid) {
            return new Run(withProcessSettings(current, stored.get().json(), env), stored.get().json(), false, false,
                    kept(invalid.errors(), stored.get()), List.of());
        }
        ServiceConfig.Parsed.Valid valid = (ServiceConfig.Parsed.Valid) parsed;
        ConfigChange change = ConfigChange.between(current, valid.config());
        if (change.isEmpty()) {
            return new Run(current, stored.get().json(), false, false, List.of(), valid.warnings());
        }
        Optional<UpgradeRecord> upgrade = storedUpgrade.map(UpgradeRecord::decode).filter(UpgradeRecord::open);
        List<String> refusals = new ArrayList<>(change.validate());
        if (rollbackAllowed(change, upgrade)) {
            refusals.removeIf(r -> r.startsWith(Setting.COCKROACH_VERSION.name() + " cannot change"));
        }
        refusals.addAll(upgradeRefusals(change, upgrade));
        refusals.addAll(scaleDownRefusals(change, storedTaskNames));
        if (!refusals.isEmpty()) {
            return new Run(withProcessSettings(current, stored.get().json(), env), stored.get().json(), false, false,
                    kept(refusals, stored.get()), List.of());
        }
        return new Run(valid.config(), envJson, true, change.needsRollingUpdate(), List.of(), valid.warnings());
    }

    /**
     * Going back one major is possible only while the upgrade from it is not finalized and has not
     * started finalizing: the cluster version is still the old one, which the old binaries run.
     */
    static boolean rollbackAllowed(ConfigChange change, Optional<UpgradeRecord> upgrade) {
        return change.versionChangeKind() == VersionChangeKind.MAJOR_ROLLBACK && upgrade
                .filter(u -> u.from().equals(change.to().cockroachVersion().series())
                        && u.to().equals(change.from().cockroachVersion().series()))
                .filter(u -> u.stage() == UpgradeRecord.Stage.PRESERVING || u.stage() == UpgradeRecord.Stage.ROLLING)
                .isPresent();
    }

    /**
     * A major upgrade starts only once the previous one is finalized (cockroach refuses to upgrade
     * a cluster whose version is not finalized); a rollback needs an unfinalized upgrade to undo.
     */
    static List<String> upgradeRefusals(ConfigChange change, Optional<UpgradeRecord> upgrade) {
        List<String> refusals = new ArrayList<>();
        String prefix = Setting.COCKROACH_VERSION.name() + " cannot change from " + change.from().cockroachVersion()
                + " to " + change.to().cockroachVersion() + ": ";
        if (change.versionChangeKind() == VersionChangeKind.MAJOR_UPGRADE && upgrade.isPresent()) {
            refusals.add(prefix + "the upgrade from " + upgrade.get().from() + " to " + upgrade.get().to()
                    + " is not finalized yet; finalize it first (plan start finalize)");
        }
        if (change.versionChangeKind() == VersionChangeKind.MAJOR_ROLLBACK && !rollbackAllowed(change, upgrade)) {
            refusals.add(prefix + (upgrade.filter(u -> u.stage() == UpgradeRecord.Stage.FINALIZING
                    || u.stage() == UpgradeRecord.Stage.VERIFYING).isPresent()
                    ? "the upgrade is being finalized; there is no way back"
                    : "only an upgrade that is not finalized can be rolled back"));
        }
        return refusals;
    }

    /**
     * Scaling down decommissions the removed nodes, which needs at least the replication factor of
     * nodes to remain. Raising the count while a removed pod is still being decommissioned is refused:
     * a decommissioned node can never rejoin, so the pod could not simply be kept.
     */
    static List<String> scaleDownRefusals(ConfigChange change, Collection<String> storedTaskNames) {
        List<String> refusals = new ArrayList<>();
        int from = change.from().nodeCount();
        int to = change.to().nodeCount();
        boolean alreadyRefused = change.validate().stream().anyMatch(e -> e.startsWith("NODE_COUNT"));
        if (change.scaleDown() && to < ConfigChange.REPLICATION_FACTOR && !alreadyRefused) {
            refusals.add("NODE_COUNT cannot change from " + from + " to " + to + ": removing nodes decommissions them,"
                    + " which needs at least " + ConfigChange.REPLICATION_FACTOR + " nodes to remain (CockroachDB keeps "
                    + ConfigChange.REPLICATION_FACTOR + " replicas of every range)");
        }
        List<String> removing = storedTaskNames.stream()
                .filter(name -> NodePods.indexOfTask(name).map(i -> i >= from).orElse(false))
                .sorted().toList();
        if (change.scaleUp() && !removing.isEmpty()) {
            refusals.add("NODE_COUNT cannot change from " + from + " to " + to + " while "
                    + String.join(", ", removing) + (removing.size() == 1 ? " is" : " are")
                    + " being decommissioned (a decommissioned node can never rejoin); raise NODE_COUNT again once"
                    + " the decommission plan is complete");
        }
        return refusals;
    }

    /**
     * Where this process finds Mesos, ZooKeeper and its API port comes from its own environment even
     * when the service settings in it are refused: Marathon may have given us a new PORT_API.
     */
    private static ServiceConfig withProcessSettings(ServiceConfig current, String storedJson, Map<String, String> env) {
        Map<String, String> merged = new TreeMap<>(settings(storedJson));
        for (Setting s : List.of(Setting.PORT_API, Setting.MESOS_MASTER, Setting.ZOOKEEPER)) {
            String value = env.get(s.name());
            if (value != null && !value.isBlank()) {
                merged.put(s.name(), value);
            }
        }
        return ServiceConfig.parse(merged) instanceof ServiceConfig.Parsed.Valid valid ? valid.config() : current;
    }

    private static List<String> kept(List<String> errors, ConfigRevision stored) {
        List<String> all = new ArrayList<>(errors);
        all.add("the new configuration was refused; still running target revision " + stored.revision());
        return all;
    }

    /** The service's settings that were set, as a JSON object (sorted, so equal settings store equal). */
    static String settingsJson(Map<String, String> env) {
        Map<String, String> settings = new TreeMap<>();
        for (Setting s : Setting.values()) {
            String value = env.get(s.name());
            if (value != null && !value.isBlank()) {
                settings.put(s.name(), value.strip());
            }
        }
        try {
            return JSON.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> settings(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, String>>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored target is not a settings object: " + e.getOriginalMessage(), e);
        }
    }
}
