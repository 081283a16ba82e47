package org.cockroachdb.mesos.executor.spec;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * What a job task runs: a one-shot action beside the nodes (decommission a node, back up a
 * database, ...). It travels in the TaskInfo's data like a {@link LaunchSpec}; a top-level
 * {@code "job"} field tells the two apart. The job's outcome is the task's terminal state.
 */
public sealed interface JobSpec {
    /** The JSON field naming the job's kind; a launch spec never has it. */
    String KIND_FIELD = "job";

    /** {@code cockroach <args>}, run once: exit 0 is TASK_FINISHED, anything else TASK_FAILED with the stderr tail. */
    record CockroachCommand(String cockroachBinary, List<String> args) implements JobSpec {
        static final String KIND = "cockroach";

        public CockroachCommand {
            Objects.requireNonNull(cockroachBinary, "cockroachBinary");
            args = List.copyOf(args);
        }
    }

    /** Whether a TaskInfo's data describes a job rather than a node. */
    static boolean describesJob(byte[] data) {
        try {
            JsonNode root = JobSpecJson.MAPPER.readTree(data == null ? new byte[0] : data);
            return root != null && root.isObject() && root.has(KIND_FIELD);
        } catch (IOException e) {
            return false;
        }
    }

    static JobSpec fromJson(byte[] data) {
        return JobSpecJson.read(data);
    }

    default byte[] toJson() {
        return JobSpecJson.write(this);
    }
}

