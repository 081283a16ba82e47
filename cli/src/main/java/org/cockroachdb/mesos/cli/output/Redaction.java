package org.cockroachdb.mesos.cli.output;

import java.util.List;
import java.util.Objects;

/**
 * Masks secret values in text shown to the operator. The scheduler already masks credentials in
 * its answers; this keeps the CLI safe from a server that echoes what it was sent.
 */
public record Redaction(List<String> secrets) {
    public static final String MASK = "****";

    public Redaction {
        secrets = secrets.stream().filter(Objects::nonNull).filter(s -> !s.isEmpty()).toList();
    }

    public static Redaction none() {
        return new Redaction(List.of());
    }

    public String apply(String text) {
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, MASK);
        }
        return out;
    }
}
