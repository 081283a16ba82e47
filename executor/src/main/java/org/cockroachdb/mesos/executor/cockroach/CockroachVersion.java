package org.cockroachdb.mesos.executor.cockroach;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cockroach release as {@code cockroach version} prints it on its {@code Build Tag:} line,
 * e.g. {@code v23.1.11} or {@code v23.2.0-beta.1}.
 */
public record CockroachVersion(int major, int minor, int patch, String tag) {
    private static final Pattern BUILD_TAG = Pattern.compile(
            "(?m)^\\s*Build Tag:\\s+(v?(\\d+)\\.(\\d+)\\.(\\d+)\\S*)\\s*$");

    /** The release named on the {@code Build Tag:} line, or empty when there is none. */
    public static Optional<CockroachVersion> parse(String versionOutput) {
        Matcher m = BUILD_TAG.matcher(versionOutput == null ? "" : versionOutput);
        if (!m.find()) {
            return Optional.empty();
        }
        return Optional.of(new CockroachVersion(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), m.group(1)));
    }

    public boolean sameMajorMinor(int otherMajor, int otherMinor) {
        return major == otherMajor && minor == otherMinor;
    }

    public boolean before(int maj, int min) {
        return major < maj || (major == maj && minor < min);
    }
}
