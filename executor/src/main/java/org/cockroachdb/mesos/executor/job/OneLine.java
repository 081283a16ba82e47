package org.cockroachdb.mesos.executor.job;

/** Text for a status message: one line (line breaks become {@code " | "}), at most so many characters. */
public final class OneLine {
    private OneLine() {}

    public static String of(String text, int maxChars) {
        if (text == null) {
            return "";
        }
        String joined = String.join(" | ", text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        if (joined.length() <= maxChars) {
            return joined;
        }
        return joined.substring(0, Math.max(0, maxChars - 3)) + "...";
    }
}
