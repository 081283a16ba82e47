package org.cockroachdb.mesos.local;

/** POSIX shell quoting for the command lines local mode writes (classpaths may hold spaces). */
final class ShellWords {
    private ShellWords() {}

    /** {@code value} as one single-quoted shell word. */
    static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
