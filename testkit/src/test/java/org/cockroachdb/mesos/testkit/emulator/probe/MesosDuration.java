package org.cockroachdb.mesos.testkit.emulator.probe;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations as the agent writes them into the executor's environment: {@code 2secs}, {@code 15mins}, {@code 0.5hrs}. */
final class MesosDuration {
    private static final Pattern FORMAT = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|ms|secs|mins|hrs|days|weeks)");
    private static final Map<String, Double> NANOS_PER_UNIT = Map.of(
            "ns", 1.0,
            "us", 1e3,
            "ms", 1e6,
            "secs", 1e9,
            "mins", 60e9,
            "hrs", 3600e9,
            "days", 86400e9,
            "weeks", 604800e9);

    private MesosDuration() {}

    static Duration parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Mesos duration: '" + text + "'");
        }
        double nanos = Double.parseDouble(m.group(1)) * NANOS_PER_UNIT.get(m.group(2));
        return Duration.ofNanos(Math.round(nanos));
    }
}
