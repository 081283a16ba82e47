package org.cockroachdb.mesos.scheduler.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The difference between the stored target config and the config the scheduler was restarted
 * with, and whether it may be applied. Refused changes leave the old target in force; the errors
 * are shown in the deploy plan.
 */
public record ConfigChange(ServiceConfig from, ServiceConfig to) {

    /** CockroachDB keeps 3 replicas per range by default; fewer nodes leave ranges under-replicated. */
    public static final int REPLICATION_FACTOR = 3;

    public ConfigChange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    public static ConfigChange between(ServiceConfig target, ServiceConfig proposed) {
        return new ConfigChange(target, proposed);
    }

    /** The settings whose values differ. */
    public Set<Setting> changed() {
        Set<Setting> changed = EnumSet.noneOf(Setting.class);
        for (Setting setting : Setting.values()) {
            if (!Objects.equals(setting.valueIn(from), setting.valueIn(to))) {
                changed.add(setting);
            }
        }
        return Collections.unmodifiableSet(changed);
    }

    public boolean isEmpty() {
        return changed().isEmpty();
    }

    /** Whether the running nodes must be relaunched, one at a time, to take the change. */
    public boolean needsRollingUpdate() {
        return changed().stream().anyMatch(Setting::relaunchesNodes);
    }

    public boolean scaleUp() {
        return to.nodeCount() > from.nodeCount();
    }

    public boolean scaleDown() {
        return to.nodeCount() < from.nodeCount();
    }

    public VersionChangeKind versionChangeKind() {
        CockroachVersion before = from.cockroachVersion();
        CockroachVersion after = to.cockroachVersion();
        if (before.equals(after)) {
            return VersionChangeKind.NONE;
        }
        if (before.series().equals(after.series())) {
            return VersionChangeKind.PATCH;
        }
        if (before.series().isOneMajorStepTo(after.series())) {
            return VersionChangeKind.MAJOR_UPGRADE;
        }
        if (after.series().isOneMajorStepTo(before.series())) {
            return VersionChangeKind.MAJOR_ROLLBACK;
        }
        return VersionChangeKind.UNSUPPORTED;
    }

    /** Every reason this change may not be applied; empty when it is safe. */
    public List<String> validate() {
        List<String> errors = new ArrayList<>();
        if (!from.serviceName().equals(to.serviceName())) {
            errors.add(refusal(Setting.FRAMEWORK_NAME, from.serviceName(), to.serviceName(),
                    "the ZooKeeper state, Mesos role and DNS names belong to the old name;"
                            + " install a new service instead"));
        }
        if (!from.user().equals(to.user())) {
            errors.add(refusal(Setting.FRAMEWORK_USER, from.user(), to.user(),
                    "the data on the persistent volumes is owned by the old user"));
        }
        if (from.nodeDiskType() != to.nodeDiskType()) {
            errors.add(refusal(Setting.NODE_DISK_TYPE, from.nodeDiskType(), to.nodeDiskType(),
                    "an existing volume cannot move between ROOT and MOUNT disks"));
        }
        if (to.nodeDiskMib() < from.nodeDiskMib()) {
            errors.add(refusal(Setting.NODE_DISK, from.nodeDiskMib(), to.nodeDiskMib(),
                    "a persistent volume can grow but never shrink"));
        } else if (to.nodeDiskMib() > from.nodeDiskMib() && to.nodeDiskType() == DiskType.MOUNT) {
            errors.add(refusal(Setting.NODE_DISK, from.nodeDiskMib(), to.nodeDiskMib(),
                    "a MOUNT volume is a whole disk and cannot grow in place"));
        }
        if (scaleDown() && from.nodeCount() >= REPLICATION_FACTOR && to.nodeCount() < REPLICATION_FACTOR) {
            errors.add(refusal(Setting.NODE_COUNT, from.nodeCount(), to.nodeCount(),
                    "CockroachDB keeps " + REPLICATION_FACTOR + " replicas of every range;"
                            + " fewer nodes would leave ranges under-replicated"));
        }
        switch (versionChangeKind()) {
            case MAJOR_ROLLBACK -> errors.add(refusal(Setting.COCKROACH_VERSION, from.cockroachVersion(),
                    to.cockroachVersion(), "a downgrade is only allowed within the same major version ("
                            + from.cockroachVersion().series() + ")"));
            case UNSUPPORTED -> errors.add(refusal(Setting.COCKROACH_VERSION, from.cockroachVersion(),
                    to.cockroachVersion(), "upgrades go one major version at a time (only Innovation releases"
                            + " may be skipped) and downgrades stay within the same major version"));
            default -> { }
        }
        return List.copyOf(errors);
    }

    private static String refusal(Setting setting, Object before, Object after, String why) {
        return setting.name() + " cannot change from " + before + " to " + after + ": " + why;
    }
}
