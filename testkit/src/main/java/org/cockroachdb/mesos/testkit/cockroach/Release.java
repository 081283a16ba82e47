package org.cockroachdb.mesos.testkit.cockroach;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CockroachDB release the stand-in plays ({@code COCKROACH_STANDIN_VERSION}, default
 * {@link #DEFAULT}), and what that release's command line and SQL can do. Feature boundaries follow
 * the operational contract: flags by version family, init, dump, quit/drain, BACKUP syntax.
 */
public record Release(int major, int minor, int patch) {
    public static final String DEFAULT = "v23.1.11";
    public static final String ENV = "COCKROACH_STANDIN_VERSION";
    private static final Pattern TAG = Pattern.compile("v?(\\d+)\\.(\\d+)\\.(\\d+)");

    /** The families the stand-in emulates; any release maps to the nearest one it knows. */
    public enum Family { V2_1, V20_2, V23_1 }

    public static Release parse(String tag) {
        Matcher m = TAG.matcher(tag == null ? "" : tag.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException(ENV + " must look like v23.1.11 (vMAJOR.MINOR.PATCH), got '" + tag + "'");
        }
        Release r = new Release(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        if (r.before(2, 1)) {
            throw new IllegalArgumentException(ENV + " must be v2.1.0 or newer, got '" + tag + "'");
        }
        return r;
    }

    public static Release fromEnvironment() {
        String v = System.getenv(ENV);
        return parse(v == null || v.isBlank() ? DEFAULT : v);
    }

    public String tag() {
        return "v" + major + "." + minor + "." + patch;
    }

    /** The cluster version SQL reports (SHOW CLUSTER SETTING version), e.g. {@code 23.1}. */
    public String clusterVersion() {
        return major + "." + minor;
    }

    public Family family() {
        if (before(20, 1)) {
            return Family.V2_1;
        }
        return before(21, 1) ? Family.V20_2 : Family.V23_1;
    }

    public boolean before(int maj, int min) {
        return major < maj || (major == maj && minor < min);
    }

    public boolean atLeast(int maj, int min) {
        return !before(maj, min);
    }

    /** v20.1+: {@code --listen-addr} style only matters there; before v2.1 {@code --host/--port}. */
    public boolean hasSqlAddr() {
        return atLeast(20, 1);
    }

    /** v20.1+: {@code start} without {@code --join} is refused. */
    public boolean joinRequired() {
        return atLeast(20, 1);
    }

    /** v2.x: {@code start} without {@code --join} bootstraps a one-node cluster at once. */
    public boolean bootstrapsWithoutJoin() {
        return before(19, 2);
    }

    /** {@code cockroach dump} exists (data and schema) before v21.1; removed in v21.2. */
    public boolean hasDump() {
        return before(21, 1);
    }

    /** {@code cockroach quit} exists before v21.1 (deprecated from v20.2). */
    public boolean hasQuit() {
        return before(21, 1);
    }

    /** {@code cockroach node drain} exists from v19.2. */
    public boolean hasNodeDrain() {
        return atLeast(19, 2);
    }

    /** Decommission membership column ({@code active|decommissioning|decommissioned}) from v20.2. */
    public boolean hasMembership() {
        return atLeast(20, 2);
    }

    /** BACKUP/RESTORE for core (free) users: v20.2 {@code TO}/{@code FROM}, v21.1+ collections {@code INTO}/{@code FROM LATEST IN}. */
    public boolean hasCoreBackup() {
        return atLeast(20, 2);
    }

    public boolean hasBackupCollections() {
        return atLeast(21, 1);
    }

    /** {@code node status --timeout} exists from v20.2. */
    public boolean hasStatusTimeout() {
        return atLeast(20, 2);
    }

    /** The Go version string printed by {@code cockroach version}, by era. */
    public String goVersion() {
        return switch (family()) {
            case V2_1 -> "go1.10";
            case V20_2 -> "go1.13.14";
            case V23_1 -> "go1.19.10";
        };
    }
}
