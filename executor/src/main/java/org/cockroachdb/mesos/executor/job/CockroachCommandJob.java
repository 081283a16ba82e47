package org.cockroachdb.mesos.executor.job;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.cockroachdb.mesos.executor.spec.JobSpec;

/**
 * {@code <cockroachBinary> <args...>} once, in the sandbox: exit 0 finishes with the last non-empty
 * stdout line as the summary; anything else fails with the exit code and the stderr tail.
 */
final class CockroachCommandJob implements Job {
    private final JobSpec.CockroachCommand spec;

    CockroachCommandJob(JobSpec.CockroachCommand spec) {
        this.spec = spec;
    }

    @Override
    public String describe() {
        return "cockroach " + String.join(" ", spec.args().stream().limit(2).toList());
    }

    @Override
    public String run(JobContext context) throws JobFailure, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(context.binary(spec.cockroachBinary()).toString());
        command.addAll(spec.args());
        JobProcess p;
        try {
            p = context.start(command, false);
        } catch (IOException e) {
            throw new JobFailure("cannot start " + command.get(0) + ": " + e.getMessage());
        }
        String last = "";
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.stdout(), StandardCharsets.UTF_8));
             OutputStream copy = Files.newOutputStream(context.sandbox().resolve(JobContext.STDOUT_FILE),
                     StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            String line;
            while ((line = out.readLine()) != null) {
                copy.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                if (!line.isBlank()) {
                    last = line.strip();
                }
            }
        } catch (IOException e) {
            // the process went away mid-line (a kill); its exit code tells the rest
        }
        int code = p.waitFor();
        if (code != 0) {
            throw JobFailure.exited(describe(), code, p.stderrTail());
        }
        return last.isEmpty() ? describe() + " succeeded" : last;
    }
}
