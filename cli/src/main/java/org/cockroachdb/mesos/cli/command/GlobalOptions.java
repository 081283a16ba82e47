package org.cockroachdb.mesos.cli.command;

import java.util.Optional;

/**
 * The options every command takes, wherever on the line they are given ({@code --name x pod list}
 * and {@code pod list --name x} alike). Picocli sets them through these setters from any level.
 */
final class GlobalOptions {
    private String name;
    private String url;
    private boolean verbose;

    void name(String value) {
        name = value;
    }

    void url(String value) {
        url = value;
    }

    void verbose(boolean value) {
        verbose = value;
    }

    Optional<String> name() {
        return Optional.ofNullable(name).filter(n -> !n.isBlank());
    }

    Optional<String> url() {
        return Optional.ofNullable(url);
    }

    boolean verbose() {
        return verbose;
    }
}
