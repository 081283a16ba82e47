package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.nio.file.Path;
import java.util.Optional;
import org.cockroachdb.mesos.testkit.cockroach.Release;

/** What the SQL layer needs to know about the node it runs in. Implemented by the node. */
public interface NodeContext {

    /** This node's id ({@code crdb_internal.node_id()}). */
    int nodeId();

    /** The release being played: decides which statements exist and their syntax. */
    Release release();

    /** The cluster's shared directory for SQL data (the stand-in's replicated storage). */
    Path sqlDataDir();

    /**
     * Where {@code nodelocal://} BACKUP locations live ({@code --external-io-dir}). One directory for the
     * whole cluster by default, so a backup taken through one node can be restored through any other.
     */
    default Path externalIoDir() {
        return sqlDataDir().resolve("extern");
    }

    /**
     * Why this node cannot serve SQL right now (no quorum, draining, not initialized), as the error to
     * send; empty when it can. Checked when a session opens and before every statement.
     */
    Optional<SqlError> unavailable();

    /** Cluster settings, shared by every node of the cluster. */
    String setting(String name);

    void setSetting(String name, String value);

    void resetSetting(String name);
}
