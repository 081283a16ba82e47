package org.cockroachdb.mesos.local;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How local mode starts a Java child (scheduler, executor, cockroach stand-in): this JVM's java,
 * small-footprint flags, and a marker naming the work dir so that closing can find any process
 * of this cluster that outlived its parent.
 *
 * @param java      the {@code java} launcher
 * @param classpath the classpath every child shares (the scheduler's, executor's and stand-in's classes)
 * @param marker    the cluster's work dir, carried as {@code -Dcockroach.mesos.local=<dir>}
 */
record ChildJvm(Path java, String classpath, Path marker) {
    static final String MARKER_PROPERTY = "cockroach.mesos.local";

    static ChildJvm current(Path marker) {
        return new ChildJvm(Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"), marker);
    }

    /** The argv running {@code mainClass} with {@code jvmOptions}. */
    List<String> argv(List<String> jvmOptions, String mainClass) {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.addAll(jvmOptions);
        argv.add("-D" + MARKER_PROPERTY + "=" + marker);
        argv.add("-cp");
        argv.add(classpath);
        argv.add(mainClass);
        return argv;
    }

    /** The same as one shell command line, every word quoted. */
    String shellCommand(List<String> jvmOptions, String mainClass) {
        return String.join(" ", argv(jvmOptions, mainClass).stream().map(ShellWords::quote).toList());
    }
}
