package org.cockroachdb.mesos.scheduler.plan;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What a plan parameter may be called, and how parameters are shown back. Parameters become task
 * environment variables (e.g. the backup plan's {@code AWS_SECRET_ACCESS_KEY}), so names must be
 * environment variable names and values that look like credentials are never echoed.
 */
public final class PlanParameters {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Broader than what the state store redacts (state.SecretNames): a reply errs on the side of hiding. */
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(SECRET|PASS|TOKEN|KEY|CREDENTIAL|AUTH).*");
    static final String MASK = "****";

    private PlanParameters() {
    }

    /** Empty if every name is acceptable, else the reason for the first bad one (in name order). */
    public static Optional<String> problem(Map<String, String> parameters) {
        return parameters.keySet().stream().sorted()
                .filter(name -> !NAME.matcher(name).matches())
                .findFirst()
                .map(name -> "Couldn't parse parameters: '" + name + "' is not a valid environment variable name;"
                        + " use letters, digits and '_', not starting with a digit");
    }

    /** {@code {DATABASE_NAME=bank, AWS_SECRET_ACCESS_KEY=****}}: sorted, credentials masked. */
    public static String shown(Map<String, String> parameters) {
        return parameters.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + (SECRET_NAME.matcher(e.getKey()).matches() ? MASK : e.getValue()))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}
