package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.concurrent.atomic.AtomicLong;

/**
 * CockroachDB's {@code unique_rowid()} (the default of SERIAL columns and of job ids), registered in
 * every database as an H2 function. Like CockroachDB's: increasing, built from the clock (10µs units
 * shifted left by 15 bits) so that values stay ahead of earlier ones after the H2 server moves to another
 * process, and unique within a process by never handing out the same value twice.
 */
public final class UniqueRowId {
    private static final AtomicLong LAST = new AtomicLong();

    private UniqueRowId() {}

    /** Called by H2 through {@code CREATE ALIAS unique_rowid}. */
    public static long next() {
        long now = (System.currentTimeMillis() * 100) << 15;
        return LAST.updateAndGet(last -> Math.max(last + 1, now));
    }
}
