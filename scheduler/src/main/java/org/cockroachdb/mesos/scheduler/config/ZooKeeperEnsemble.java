package org.cockroachdb.mesos.scheduler.config;

/** Where the framework keeps its state: a ZooKeeper connect string such as {@code master.mesos:2181}. */
public record ZooKeeperEnsemble(String connectString) {

    public static final ZooKeeperEnsemble DCOS_DEFAULT = new ZooKeeperEnsemble("master.mesos:2181");
    static final String ACCEPTED = "expected host:port[,host:port...] such as master.mesos:2181";

    static Reading<ZooKeeperEnsemble> read(String text) {
        String compact = text.replace(" ", "");
        return HostPorts.isList(compact)
                ? Reading.ok(new ZooKeeperEnsemble(compact))
                : Reading.refused(ACCEPTED);
    }

    @Override
    public String toString() {
        return connectString;
    }
}
