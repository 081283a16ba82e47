package org.cockroachdb.mesos.universe;

import java.util.List;

/**
 * Package options that Cosmos would refuse. Each problem is one line that starts with the
 * option's path, e.g. {@code node.count: string found, integer expected}.
 */
public final class OptionsRefused extends Exception {

    private final List<String> problems;

    public OptionsRefused(List<String> problems) {
        super(String.join("; ", problems));
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a refusal needs a reason");
        }
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
