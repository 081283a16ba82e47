package org.cockroachdb.mesos.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter, for reconnecting to Mesos. Jitter keeps many clients
 * that lost the same master from reconnecting in lockstep. Not thread-safe: one per retry loop.
 */
public final class Backoff {
    public static final Duration DEFAULT_BASE = Duration.ofMillis(500);
    /** Mesos's guidance for schedulers: back off up to about 15 s. */
    public static final Duration DEFAULT_CAP = Duration.ofSeconds(15);

    public enum Jitter {
        /** Uniform in [0, min(cap, base * 2^attempt)). */
        FULL,
        /** Uniform in [base, 3 * previous), capped; spreads retries without ever dropping to 0. */
        DECORRELATED
    }

    private final long baseNanos;
    private final long capNanos;
    private final Jitter jitter;
    private final DoubleSupplier unitRandom;
    private int attempts;
    private long previousNanos;

    /**
     * @param unitRandom a source of values in [0, 1); tests pass a constant to get exact delays
     */
    public Backoff(Duration base, Duration cap, Jitter jitter, DoubleSupplier unitRandom) {
        if (base.isNegative() || base.isZero()) {
            throw new IllegalArgumentException("backoff base must be positive, got " + base);
        }
        if (cap.compareTo(base) < 0) {
            throw new IllegalArgumentException("backoff cap " + cap + " is below its base " + base);
        }
        this.baseNanos = base.toNanos();
        this.capNanos = cap.toNanos();
        this.jitter = jitter;
        this.unitRandom = unitRandom;
        reset();
    }

    public Backoff(Duration base, Duration cap, Jitter jitter) {
        this(base, cap, jitter, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** Full jitter from 0.5 s up to 15 s. */
    public static Backoff defaults() {
        return new Backoff(DEFAULT_BASE, DEFAULT_CAP, Jitter.FULL);
    }

    /** The delay before the next attempt; each call counts as one failed attempt. */
    public Duration next() {
        long delay = switch (jitter) {
            case FULL -> (long) (unitRandom() * ceilingNanos(attempts));
            case DECORRELATED -> {
                long upper = saturatedMultiply(previousNanos, 3);
                long d = baseNanos + (long) (unitRandom() * (upper - baseNanos));
                yield Math.min(capNanos, d);
            }
        };
        attempts++;
        previousNanos = Math.max(baseNanos, delay);
        return Duration.ofNanos(delay);
    }

    /** Call after a success, so the next failure starts again from the base delay. */
    public void reset() {
        attempts = 0;
        previousNanos = baseNanos;
    }

    /** Failed attempts since the last {@link #reset}. */
    public int attempts() {
        return attempts;
    }

    public Duration cap() {
        return Duration.ofNanos(capNanos);
    }

    private long ceilingNanos(int attempt) {
        // 2^62 already exceeds any cap expressible as a Duration in nanos.
        return Math.min(capNanos, saturatedMultiply(baseNanos, 1L << Math.min(attempt, 62)));
    }

    private double unitRandom() {
        double r = unitRandom.getAsDouble();
        if (!(r >= 0 && r < 1)) {
            throw new IllegalStateException("random source must give values in [0, 1), gave " + r);
        }
        return r;
    }

    private static long saturatedMultiply(long a, long b) {
        long high = Math.multiplyHigh(a, b);
        long low = a * b;
        return (high == 0 && low >= 0) ? low : Long.MAX_VALUE;
    }
}
