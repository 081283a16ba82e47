package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.Map;
import java.util.Optional;

/**
 * {@code SHOW/SET/RESET CLUSTER SETTING} over the node's shared settings, with CockroachDB's defaults
 * for the settings a scheduler reads, and its one check that matters for upgrades: the downgrade
 * option can only name the cluster's current version.
 */
final class ClusterSettings {
    static final String VERSION = "version";
    static final String PRESERVE_DOWNGRADE = "cluster.preserve_downgrade_option";

    private static final Map<String, String> DEFAULTS = Map.ofEntries(
            Map.entry(PRESERVE_DOWNGRADE, ""),
            Map.entry("enterprise.license", ""),
            Map.entry("cluster.organization", ""),
            Map.entry("server.time_until_store_dead", "5m0s"),
            Map.entry("kv.snapshot_rebalance.max_rate", "32 MiB"),
            Map.entry("kv.snapshot_recovery.max_rate", "32 MiB"),
            Map.entry("server.shutdown.drain_wait", "0s"),
            Map.entry("server.shutdown.query_wait", "10s"),
            Map.entry("cluster.auto_upgrade.enabled", "true"));

    private ClusterSettings() {}

    static String show(NodeContext context, String name) {
        String value = context.setting(name);
        if (value != null && !value.isEmpty()) {
            return value;
        }
        if (name.equals(VERSION)) {
            return context.release().clusterVersion();
        }
        return DEFAULTS.getOrDefault(name, "");
    }

    static void set(NodeContext context, String name, Optional<String> value) throws SqlError {
        if (value.isEmpty()) {
            context.resetSetting(name);
            return;
        }
        if (name.equals(PRESERVE_DOWNGRADE) && !value.get().isEmpty()) {
            String current = show(context, VERSION);
            if (!value.get().equals(current)) {
                throw new SqlError("22023", "cannot set " + PRESERVE_DOWNGRADE + " to " + value.get()
                        + " (cluster version is " + current + ")");
            }
        }
        context.setSetting(name, value.get());
    }
}
