package org.cockroachdb.mesos.scheduler.state;

/** Where each piece of the scheduler's state lives inside the service's namespace. */
final class StatePaths {

    static final String LOCK = "/lock";
    static final String FRAMEWORK_ID = "/frameworkId";
    static final String TARGET = "/target";
    static final String HISTORY = "/history";
    static final String TASKS = "/tasks";
    static final String PROPERTIES = "/properties";

    private StatePaths() {
    }

    static String task(String taskName) {
        return TASKS + "/" + requireSegment("task name", taskName);
    }

    static String property(String key) {
        return PROPERTIES + "/" + requireSegment("property key", key);
    }

    static String historyEntry(long revision) {
        return HISTORY + "/" + ConfigHistory.entryName(revision);
    }

    /** A name that is exactly one znode: anything else could write outside its record. */
    static String requireSegment(String what, String name) {
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..")
                || name.indexOf('/') >= 0 || name.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException(what + " must be one non-empty path segment without '/': " + name);
        }
        return name;
    }
}
