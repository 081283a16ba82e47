package org.cockroachdb.mesos.executor.process;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last lines a process wrote to stderr: why it died is usually there. Thread-safe. */
public final class StderrTail {
    private final int maxLines;
    private final Deque<String> lines = new ArrayDeque<>();

    public StderrTail(int maxLines) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("maxLines must be 1 or more, got " + maxLines);
        }
        this.maxLines = maxLines;
    }

    public synchronized void add(String line) {
        if (lines.size() == maxLines) {
            lines.removeFirst();
        }
        lines.addLast(line);
    }

    /** Oldest first. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /**
     * The non-blank lines joined with {@code " | "}, at most {@code maxChars} long; when too long,
     * the newest text is kept, since the last words come last.
     */
    public String joined(int maxChars) {
        String all = String.join(" | ", lines().stream().map(String::strip).filter(l -> !l.isEmpty()).toList());
        if (all.length() <= maxChars) {
            return all;
        }
        String ellipsis = "...";
        return ellipsis + all.substring(all.length() - Math.max(0, maxChars - ellipsis.length()));
    }
}
