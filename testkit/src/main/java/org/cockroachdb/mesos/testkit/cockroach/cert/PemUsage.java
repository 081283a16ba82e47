package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.util.Optional;

/** What a {@code .crt} file in a certs directory is for, told by its name as cockroach tells it. */
enum PemUsage {
    CA("CA", "ca"),
    CLIENT_CA("Client CA", "ca-client"),
    UI_CA("UI CA", "ca-ui"),
    NODE("Node", "node"),
    UI("UI", "ui"),
    CLIENT("Client", "client");

    private final String label;
    private final String prefix;

    PemUsage(String label, String prefix) {
        this.label = label;
        this.prefix = prefix;
    }

    /** The label {@code cert list} prints in its Usage column. */
    String label() {
        return label;
    }

    boolean isCa() {
        return this == CA || this == CLIENT_CA || this == UI_CA;
    }

    /**
     * {@code ca.crt}, {@code node.crt}, {@code client.<user>.crt}...; the user is what lies between the
     * first and last dot. Other names (tenant certificates, typos) are not cockroach's to load.
     */
    static Optional<Classified> classify(String fileName) {
        String[] parts = fileName.split("\\.", -1);
        if (parts.length < 2 || !fileName.endsWith(".crt")) {
            return Optional.empty();
        }
        for (PemUsage usage : values()) {
            if (!usage.prefix.equals(parts[0])) {
                continue;
            }
            if (usage == CLIENT) {
                String user = fileName.substring("client.".length(), fileName.length() - ".crt".length());
                return parts.length < 3 || user.isEmpty() ? Optional.empty() : Optional.of(new Classified(usage, user));
            }
            return parts.length == 2 ? Optional.of(new Classified(usage, "")) : Optional.empty();
        }
        return Optional.empty();
    }

    record Classified(PemUsage usage, String name) {}
}
