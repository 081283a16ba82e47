package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.util.regex.Pattern;

/** Mesos's ID rules and its ID formats ({@code <masterId>-0000}, {@code -S<n>}, {@code -O<n>}). */
final class Ids {
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private long frameworks;
    private long offers;

    String nextFramework(String masterId) {
        return masterId + "-" + String.format("%04d", frameworks++);
    }

    String nextOffer(String masterId) {
        return masterId + "-O" + offers++;
    }

    /** Null when valid, else why not: 1-255 chars, not "." or "..", no control chars, no slashes. */
    static String invalidity(String kind, String id) {
        if (id.isEmpty() || id.length() > 255) {
            return kind + " '" + id + "' must be 1 to 255 characters";
        }
        if (id.equals(".") || id.equals("..")) {
            return kind + " '" + id + "' cannot be '.' or '..'";
        }
        if (CONTROL.matcher(id).find()) {
            return kind + " '" + id + "' contains control characters";
        }
        if (id.contains("/") || id.contains("\\")) {
            return kind + " '" + id + "' contains '/' or '\\'";
        }
        return null;
    }
}
