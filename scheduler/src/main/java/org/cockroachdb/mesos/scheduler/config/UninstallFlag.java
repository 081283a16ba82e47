package org.cockroachdb.mesos.scheduler.config;

import java.util.Map;

/**
 * {@code SDK_UNINSTALL}: Cosmos sets it to {@code true} on the scheduler's Marathon app when the
 * package is uninstalled. Read apart from {@link ServiceConfig}: it says what the scheduler does,
 * not what the service is, so it is never part of a stored target.
 */
public final class UninstallFlag {

    public static final String VARIABLE = "SDK_UNINSTALL";

    private UninstallFlag() {
    }

    /** Whether the uninstall was asked for, or the one-line reason the value is refused. */
    public sealed interface Parsed {
        record Valid(boolean uninstall) implements Parsed {}

        record Invalid(String error) implements Parsed {}
    }

    /** Unset or blank is {@code false}; otherwise exactly {@code true} or {@code false}. */
    public static Parsed parse(Map<String, String> env) {
        String text = env.get(VARIABLE);
        if (text == null || text.isBlank()) {
            return new Parsed.Valid(false);
        }
        if (Reading.bool(text.strip()) instanceof Reading.Ok<Boolean> ok) {
            return new Parsed.Valid(ok.value());
        }
        return new Parsed.Invalid(VARIABLE + "='" + text.strip().replace('\n', ' ') + "' is invalid: expected true or false");
    }
}
