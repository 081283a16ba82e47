package org.cockroachdb.mesos.executor.cockroach;

import java.util.Optional;

/**
 * Releases that share one {@code cockroach start} command line and health endpoints (the
 * reference's flags-by-version table). Older than v2.1 is not supported: it has no
 * {@code --listen-addr}/{@code --advertise-addr}.
 */
public enum VersionFamily {
    /** v2.1 up to v19.2: readiness only through {@code /_admin/v1/health}; {@code /health} is node details. */
    V2_1,
    /** v20.1 up to v20.2: {@code --join} required, {@code /health?ready=1}. */
    V20_2,
    /** v21.1 on: the {@code --log} YAML era, where the old logging flags are aliases again from v23.1. */
    V23_1;

    /** The family of a release, or empty for releases before v2.1. */
    public static Optional<VersionFamily> of(CockroachVersion v) {
        if (v.before(2, 1)) {
            return Optional.empty();
        }
        if (v.before(20, 1)) {
            return Optional.of(V2_1);
        }
        return Optional.of(v.before(21, 1) ? V20_2 : V23_1);
    }

    /** The readiness check's path and query: ready means it can serve SQL. */
    public String readinessPath() {
        return this == V2_1 ? "/_admin/v1/health" : "/health?ready=1";
    }

    /** The health (kill) check: the process is up and serving HTTP. */
    public String healthPath() {
        return "/health";
    }
}
