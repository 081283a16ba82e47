package org.cockroachdb.mesos.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {
    private static final Duration BASE = Duration.ofMillis(500);
    private static final Duration CAP = Duration.ofSeconds(15);
    private static final double ALMOST_ONE = Math.nextDown(1.0);

    @Test
    void fullJitterCeilingDoublesFromTheBaseUntilTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, Backoff.Jitter.FULL, () -> ALMOST_ONE);

        List<Long> millis = draw(backoff, 8);

        assertThat(millis).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 15000L, 15000L, 15000L);
    }

    @Test
    void fullJitterPicksUniformlyBelowTheCeiling() {
        Backoff backoff = new Backoff(BASE, CAP, Backoff.Jitter.FULL, () -> 0.25);

        assertThat(draw(backoff, 3)).containsExactly(125L, 250L, 500L);
    }

    @Test
    void decorrelatedJitterStaysBetweenTheBaseAndThreeTimesThePreviousDelay() {
        Iterator<Double> draws = List.of(0.0, ALMOST_ONE, ALMOST_ONE, 0.5).iterator();
        Backoff backoff = new Backoff(BASE, CAP, Backoff.Jitter.DECORRELATED, draws::next);

        // 0.0 → base; then up to 3 × 500; then up to 3 × 1500; then halfway between base and 3 × 4500.
        assertThat(draw(backoff, 4)).containsExactly(500L, 1500L, 4500L, 7000L);
    }

    @Test
    void decorrelatedJitterNeverExceedsTheCap() {
        Backoff backoff = new Backoff(BASE, CAP, Backoff.Jitter.DECORRELATED, () -> ALMOST_ONE);

        assertThat(draw(backoff, 20)).allSatisfy(ms -> assertThat(ms).isBetween(500L, 15000L)).endsWith(15000L);
    }

    @Test
    void resetStartsAgainFromTheBase() {
        Backoff backoff = new Backoff(BASE, CAP, Backoff.Jitter.FULL, () -> ALMOST_ONE);
        draw(backoff, 5);

        backoff.reset();

        assertThat(backoff.attempts()).isZero();
        assertThat(backoff.next()).isEqualTo(Duration.ofNanos((long) (BASE.toNanos() * ALMOST_ONE)));
    }

    @Test
    void defaultsStayWithinFifteenSecondsWithRealRandomness() {
        Backoff backoff = Backoff.defaults();

        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.next()).isBetween(Duration.ZERO, Duration.ofSeconds(15));
        }
        assertThat(backoff.cap()).isEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void manyAttemptsDoNotOverflow() {
        Backoff backoff = new Backoff(Duration.ofDays(1), Duration.ofDays(365 * 200), Backoff.Jitter.FULL,
                new Random(7)::nextDouble);

        for (int i = 0; i < 500; i++) {
            assertThat(backoff.next()).isBetween(Duration.ZERO, Duration.ofDays(365 * 200));
        }
    }

    @Test
    void rejectsARandomSourceOutsideTheUnitInterval() {
        Backoff backoff = new Backoff(BASE, CAP, Backoff.Jitter.FULL, () -> 1.0);

        assertThatThrownBy(backoff::next).hasMessageContaining("[0, 1)");
    }

    @Test
    void rejectsACapBelowTheBase() {
        assertThatThrownBy(() -> new Backoff(CAP, BASE, Backoff.Jitter.FULL)).hasMessageContaining("below its base");
    }

    private static List<Long> draw(Backoff backoff, int n) {
        List<Long> millis = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            millis.add(Math.round(backoff.next().toNanos() / 1e6));
        }
        return millis;
    }
}
