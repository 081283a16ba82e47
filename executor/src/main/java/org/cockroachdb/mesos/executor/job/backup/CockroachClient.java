package org.cockroachdb.mesos.executor.job.backup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cockroachdb.mesos.executor.spec.JobSpec;

/** The cockroach client command lines backup and restore run against the spec's node. */
final class CockroachClient {
    private CockroachClient() {}

    /** {@code cockroach dump <db>}: the database as SQL on stdout (up to v21.1). */
    static List<String> dump(Path binary, JobSpec.BackupOrRestore spec) {
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "dump", spec.database()));
        argv.addAll(connection(spec));
        return List.copyOf(argv);
    }

    /** {@code cockroach sql --database=<db>}: runs the SQL on stdin, stopping at the first error. */
    static List<String> sql(Path binary, JobSpec.BackupOrRestore spec) {
        List<String> argv = new ArrayList<>(List.of(binary.toString(), "sql"));
        argv.addAll(connection(spec));
        argv.add("--database=" + spec.database());
        return List.copyOf(argv);
    }

    private static List<String> connection(JobSpec.BackupOrRestore spec) {
        List<String> flags = new ArrayList<>();
        switch (spec.security()) {
            case INSECURE -> flags.add("--insecure");
        }
        flags.add("--host=" + spec.host());
        return flags;
    }
}
