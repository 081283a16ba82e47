package org.cockroachdb.mesos.testkit.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * One exchange between the master and a scheduler, seen from the master: a KILL or a LAUNCH the
 * scheduler asked for, or a status update sent to it. Benchmarks time a scheduler from outside
 * with these; nothing in the emulator depends on anyone listening.
 *
 * @param kind    {@code KILL}, {@code LAUNCH} (the tasks of one ACCEPT) or {@code UPDATE}
 * @param taskIds the tasks concerned
 * @param status  for {@code UPDATE}: the status sent
 */
public record SchedulerTraffic(Instant at, String frameworkId, Kind kind, List<String> taskIds,
                               Optional<TaskStatus> status) {
    public enum Kind { KILL, LAUNCH, UPDATE }

    public SchedulerTraffic {
        taskIds = List.copyOf(taskIds);
    }
}
