package org.cockroachdb.mesos.scheduler.state;

import java.util.Objects;
import java.util.function.Function;

/** A value read from ZooKeeper with the znode's data version, for a later update-if-unchanged. */
public record Versioned<T>(T value, int version) {

    /** The expected version meaning "the znode must not exist yet". */
    public static final int ABSENT = -1;

    public Versioned {
        Objects.requireNonNull(value, "value");
        if (version < 0) {
            throw new IllegalArgumentException("a stored version is never negative: " + version);
        }
    }

    public <R> Versioned<R> map(Function<? super T, ? extends R> f) {
        return new Versioned<>(f.apply(value), version);
    }
}
