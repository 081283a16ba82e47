package org.cockroachdb.mesos.executor.spec;
import java.time.Duration;
import java.util.List;
public record LaunchSpec(String cockroachBinary, String expectedVersion, String storeDir, String listenHost,
        String advertiseHost, int rpcPort, int httpPort, List<String> join, long cacheBytes, long maxSqlMemoryBytes,
        SecurityMode security, boolean initCluster, Checks checks) {
    public enum SecurityMode { INSECURE }
    public record Checks(Duration readinessInterval, Duration healthInterval, Duration healthGracePeriod, int healthMaxFailures, Duration checkTimeout) {}
    public static LaunchSpec fromJson(byte[] json) { throw new UnsupportedOperationException(); }
    public byte[] toJson() { throw new UnsupportedOperationException(); }
}
