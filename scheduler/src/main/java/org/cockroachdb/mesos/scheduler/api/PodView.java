package org.cockroachdb.mesos.scheduler.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** One pod instance, e.g. {@code cockroachdb-0}, with the tasks that were launched in it. */
public record PodView(String name, List<TaskView> tasks) {

    private static final Pattern INSTANCE = Pattern.compile(".+-[0-9]+");

    public PodView {
        Objects.requireNonNull(name, "name");
        tasks = List.copyOf(tasks);
    }

    /** The pod type: the name without its {@code -<index>} suffix ({@code cockroachdb-0} → {@code cockroachdb}). */
    public String type() {
        return INSTANCE.matcher(name).matches() ? name.substring(0, name.lastIndexOf('-')) : name;
    }
}
