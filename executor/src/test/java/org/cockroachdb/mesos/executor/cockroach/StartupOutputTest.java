package org.cockroachdb.mesos.executor.cockroach;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StartupOutputTest {
    // The startup block `cockroach start` prints (v23.1).
    static final List<String> BANNER = """
            CockroachDB node starting at 2023-10-02 09:15:41.021411456 +0000 UTC (took 1.2s)
            build:               CCL v23.1.11 @ 2023/09/27 15:41:19 (go1.19.10)
            webui:               http://node-0:8080
            sql:                 postgresql://root@node-0:26257/defaultdb?sslmode=disable
            sql (JDBC):          jdbc:postgresql://node-0:26257/defaultdb?sslmode=disable&user=root
            RPC client flags:    cockroach <client cmd> --host=node-0:26257 --insecure
            logs:                /sandbox/cockroach-logs
            temp dir:            /sandbox/cockroach-data/cockroach-temp1234
            external I/O path:   /sandbox/cockroach-data/extern
            store[0]:            path=/sandbox/cockroach-data
            storage engine:      pebble
            clusterID:           2e5a8f70-4b1f-4bbd-9a67-0e3c1b7e4b21
            status:              initialized new node, joined pre-existing cluster
            nodeID:              12
            """.lines().toList();

    @Test
    void findsTheNodeIdLineOnly() {
        List<Integer> ids = BANNER.stream().map(StartupOutput::nodeId).filter(OptionalInt::isPresent)
                .map(OptionalInt::getAsInt).toList();
        assertThat(ids).containsExactly(12);
    }

    @Test
    void ignoresLookalikes() {
        assertThat(StartupOutput.nodeId("nodeID: abc")).isEmpty();
        assertThat(StartupOutput.nodeId("W231002 node nodeID: 3 restarted")).isEmpty();
        assertThat(StartupOutput.nodeId("nodeID:              1")).hasValue(1);
    }
}
