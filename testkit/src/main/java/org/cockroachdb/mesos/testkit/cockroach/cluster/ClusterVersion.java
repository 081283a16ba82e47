package org.cockroachdb.mesos.testkit.cockroach.cluster;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster version (the {@code version} cluster setting, e.g. {@code 22.2}) and how it moves, as
 * CockroachDB does it: a new cluster starts at its binary's major; nodes of the next major may join
 * (a mixed-version cluster keeps the old version); once every node that is not decommissioned runs
 * a newer binary and is live, the version moves up on its own, unless
 * {@code cluster.preserve_downgrade_option} is set (or {@code cluster.auto_upgrade.enabled} is
 * false). A binary older than the cluster version cannot start: after finalization there is no way
 * back.
 */
public final class ClusterVersion {
    public static final String SETTING = "version";
    public static final String PRESERVE_DOWNGRADE = "cluster.preserve_downgrade_option";
    public static final String AUTO_UPGRADE = "cluster.auto_upgrade.enabled";
    private static final Pattern SERIES = Pattern.compile("v?(\\d+)\\.(\\d+)(\\..*)?");

    private ClusterVersion() {}

    /** The {@code major.minor} of a build tag or version, e.g. {@code v23.1.11} → {@code 23.1}. */
    public static Optional<String> seriesOf(String tagOrVersion) {
        Matcher m = SERIES.matcher(tagOrVersion == null ? "" : tagOrVersion.trim());
        return m.matches() ? Optional.of(Integer.parseInt(m.group(1)) + "." + Integer.parseInt(m.group(2)))
                : Optional.empty();
    }

    public static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        int byMajor = Integer.compare(Integer.parseInt(x[0]), Integer.parseInt(y[0]));
        return byMajor != 0 ? byMajor : Integer.compare(Integer.parseInt(x[1]), Integer.parseInt(y[1]));
    }

    /** Why a binary of {@code series} cannot start in this cluster; empty when it can. */
    public static Optional<String> startRefusal(ClusterState state, String series) {
        String current = state.settings().get(SETTING);
        if (current != null && compare(series, current) < 0) {
            return Optional.of("this binary (" + series + ") is older than the cluster version " + current
                    + "; a finalized upgrade cannot be undone");
        }
        return Optional.empty();
    }

    /**
     * The state with the version moved up if the cluster upgrades itself now: every member live and
     * running a newer major, nothing preserving the old one.
     */
    public static ClusterState autoUpgrade(ClusterView view) {
        ClusterState state = view.state();
        String current = state.settings().get(SETTING);
        String preserve = state.settings().getOrDefault(PRESERVE_DOWNGRADE, "");
        if (current == null || !preserve.isEmpty() || "false".equals(state.settings().get(AUTO_UPGRADE))
                || view.members().isEmpty()) {
            return state;
        }
        String lowest = null;
        for (NodeRecord member : view.members()) {
            Optional<String> series = seriesOf(member.build());
            if (!view.live(member) || series.isEmpty()) {
                return state; // a dead node that is not decommissioned stalls the upgrade
            }
            if (lowest == null || compare(series.get(), lowest) < 0) {
                lowest = series.get();
            }
        }
        return compare(lowest, current) > 0 ? state.withSetting(SETTING, lowest) : state;
    }
}
