package org.cockroachdb.mesos.testkit.emulator.probe;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Environment;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.cockroachdb.mesos.http.CallResult;
import org.cockroachdb.mesos.http.EventStream;
import org.cockroachdb.mesos.http.MesosUuid;
import org.cockroachdb.mesos.http.MesosHttpClient.StreamOpening;

/**
 * A custom executor for tests: a real child process that speaks the v1 executor HTTP API (protobuf)
 * to whatever agent launched it, and does to each task what the task's {@link ProbeScript} says.
 * It stands in for the CockroachDB executor wherever a test needs to watch the agent's side of the
 * contract: the environment, (re)subscription, update replay, kills, shutdown and executor exit.
 *
 * <p>Switches in its environment: {@code PROBE_IGNORE_SHUTDOWN=1} ignores SHUTDOWN (to make the agent
 * force-kill it); {@code PROBE_STAY_AFTER_TASKS=1} keeps it alive after its last task ended.
 * It logs one line per event to stderr.
 */
public final class ProbeExecutor {
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    /** How long SHUTDOWN waits for the agent to acknowledge the final TASK_KILLEDs. */
    private static final Duration SHUTDOWN_ACKNOWLEDGE_WAIT = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ProbeEnvironment env;
    private final AgentConnection agent;
    private final TaskLedger ledger = new TaskLedger();
    private boolean killingStateCapable;
    private Instant shutdownDeadline;

    ProbeExecutor(ProbeEnvironment env) {
        this.env = env;
        this.agent = new AgentConnection(env.executorApi(), env.authenticationToken());
    }

    public static void main(String[] args) {
        int code;
        try {
            code = new ProbeExecutor(ProbeEnvironment.from(System.getenv())).run();
        } catch (RuntimeException | Error e) {
            // Exit rather than die on the main thread alone: a live JVM would look like a live executor.
            log("probe executor failed: " + e);
            code = 1;
        }
        log("exiting with " + code);
        System.exit(code);
    }

    // ---- the ExecutorInfo a test hands to the scheduler / emulator ----------------------------------

    /** A CUSTOM ExecutorInfo that runs this class with the current JVM and classpath, using 0.1 cpus and 64 MB. */
    public static ExecutorInfo executorInfo(String executorId, Map<String, String> extraEnv) {
        return executorInfo(executorId, extraEnv, defaultResources());
    }

    /** As above with the given resources (possibly none). */
    public static ExecutorInfo executorInfo(String executorId, Map<String, String> extraEnv, List<Resource> resources) {
        Environment.Builder environment = Environment.newBuilder();
        // Sorted: the master requires a re-used executor_id to come with an identical ExecutorInfo.
        new TreeMap<>(extraEnv).forEach((name, value) ->
                environment.addVariables(Environment.Variable.newBuilder().setName(name).setValue(value)));
        return ExecutorInfo.newBuilder()
                .setType(ExecutorInfo.Type.CUSTOM)
                .setExecutorId(ExecutorID.newBuilder().setValue(executorId))
                .setName("probe executor")
                .setCommand(CommandInfo.newBuilder()
                        .setShell(true)
                        .setValue(launchCommand())
                        .setEnvironment(environment))
                .addAllResources(resources)
                .build();
    }

    /** cpus 0.1 and mem 64, unreserved (an unset role is {@code "*"}). */
    public static List<Resource> defaultResources() {
        return List.of(scalar("cpus", 0.1), scalar("mem", 64));
    }

    /** The shell line that starts a probe: {@code exec '<java>' -cp '<classpath>' ProbeExecutor}. */
    public static String launchCommand() {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return "exec " + quoted(java) + " -cp " + quoted(System.getProperty("java.class.path")) + " "
                + ProbeExecutor.class.getName();
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder()
                .setName(name)
                .setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value))
                .build();
    }

    // ---- subscription ---------------------------------------------------------------------------------

    /** Subscribes, serves events, and re-subscribes while checkpointing allows; returns the exit code. */
    int run() {
        log("starting: executor " + env.executorId().getValue() + " of framework " + env.frameworkId().getValue()
                + ", agent " + env.executorApi() + ", checkpoint " + env.checkpoint());
        Instant disconnectedSince = null;
        Duration backoff = min(FIRST_BACKOFF, env.subscriptionBackoffMax());
        while (true) {
            StreamOpening<Event> opening = agent.subscribe(subscribeCall());
            if (opening instanceof StreamOpening.Opened<Event> opened) {
                disconnectedSince = null;
                backoff = min(FIRST_BACKOFF, env.subscriptionBackoffMax());
                OptionalInt exit = serve(opened.stream());
                if (exit.isPresent()) {
                    return exit.getAsInt();
                }
            } else if (opening instanceof StreamOpening.Refused<Event> refused) {
                log("SUBSCRIBE refused: " + refused.result());
            }
            if (shutdownDeadline != null) {
                log("lost the agent while shutting down");
                return 0;
            }
            if (!env.checkpoint()) {
                log("disconnected from the agent and not checkpointing");
                return 1;
            }
            Instant now = Instant.now();
            disconnectedSince = disconnectedSince == null ? now : disconnectedSince;
            if (Duration.between(disconnectedSince, now).compareTo(env.recoveryTimeout()) >= 0) {
                log("could not re-subscribe within the recovery timeout " + env.recoveryTimeout());
                return 1;
            }
            pause(jittered(backoff));
            backoff = min(backoff.multipliedBy(2), env.subscriptionBackoffMax());
        }
    }

    private Call subscribeCall() {
        return call(Call.Type.SUBSCRIBE)
                .setSubscribe(Call.Subscribe.newBuilder()
                        .addAllUnacknowledgedTasks(ledger.unacknowledgedTasks())
                        .addAllUnacknowledgedUpdates(ledger.unacknowledgedUpdates()))
                .build();
    }

    /** Reads events until the stream ends (empty) or the executor should exit (its code). */
    private OptionalInt serve(EventStream<Event> stream) {
        try (stream) {
            while (true) {
                Optional<Event> event = stream.poll(POLL_INTERVAL);
                if (event.isPresent()) {
                    OptionalInt exit = handle(event.get());
                    if (exit.isPresent()) {
                        return exit;
                    }
                }
                if (shutdownDeadline != null
                        && (ledger.allUpdatesAcknowledged() || Instant.now().isAfter(shutdownDeadline))) {
                    log("shut down" + (ledger.allUpdatesAcknowledged() ? "" : " without every acknowledgement"));
                    return OptionalInt.of(0);
                }
            }
        } catch (EOFException e) {
            log("the agent closed the event stream");
        } catch (IOException e) {
            log("the event stream broke: " + e.getMessage());
        }
        return OptionalInt.empty();
    }

    // ---- events ---------------------------------------------------------------------------------------

    private OptionalInt handle(Event event) {
        switch (event.getType()) {
            case SUBSCRIBED -> {
                FrameworkInfo framework = event.getSubscribed().getFrameworkInfo();
                killingStateCapable = framework.getCapabilitiesList().stream()
                        .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.TASK_KILLING_STATE);
                log("event SUBSCRIBED: agent " + event.getSubscribed().getAgentInfo().getId().getValue()
                        + ", TASK_KILLING_STATE " + killingStateCapable);
            }
            case LAUNCH -> {
                log("event LAUNCH " + event.getLaunch().getTask().getTaskId().getValue());
                return launch(event.getLaunch().getTask());
            }
            case LAUNCH_GROUP -> {
                log("event LAUNCH_GROUP of " + event.getLaunchGroup().getTaskGroup().getTasksCount() + " tasks");
                for (TaskInfo task : event.getLaunchGroup().getTaskGroup().getTasksList()) {
                    OptionalInt exit = launch(task);
                    if (exit.isPresent()) {
                        return exit;
                    }
                }
            }
            case KILL -> {
                Event.Kill kill = event.getKill();
                log("event KILL " + kill.getTaskId().getValue()
                        + (kill.hasKillPolicy() ? " grace " + kill.getKillPolicy().getGracePeriod().getNanoseconds() + " ns" : ""));
                kill(kill.getTaskId());
            }
            case ACKNOWLEDGED -> {
                Event.Acknowledged ack = event.getAcknowledged();
                boolean known = ledger.acknowledged(ack.getTaskId(), ack.getUuid());
                log("event ACKNOWLEDGED " + ack.getTaskId().getValue() + " " + uuidText(ack.getUuid())
                        + (known ? "" : " (not waiting for it)"));
                if (known && shutdownDeadline == null && !env.stayAfterTasks() && ledger.allTasksDone()) {
                    log("every task has ended and been acknowledged");
                    return OptionalInt.of(0);
                }
            }
            case SHUTDOWN -> {
                if (env.ignoreShutdown()) {
                    log("event SHUTDOWN, ignored (PROBE_IGNORE_SHUTDOWN=1)");
                } else {
                    log("event SHUTDOWN: killing " + ledger.liveTasks().size() + " tasks");
                    for (TaskID task : ledger.liveTasks()) {
                        send(status(task, TaskState.TASK_KILLED).setMessage("executor shut down"));
                    }
                    shutdownDeadline = Instant.now().plus(SHUTDOWN_ACKNOWLEDGE_WAIT);
                }
            }
            case MESSAGE -> log("event MESSAGE of " + event.getMessage().getData().size() + " bytes: "
                    + event.getMessage().getData().toStringUtf8());
            case ERROR -> log("event ERROR: " + event.getError().getMessage());
            case HEARTBEAT -> log("event HEARTBEAT");
            default -> log("event " + event.getType() + " ignored");
        }
        return OptionalInt.empty();
    }

    private OptionalInt launch(TaskInfo task) {
        TaskID id = task.getTaskId();
        if (ledger.knows(id)) {
            log("task " + id.getValue() + " was launched before; ignoring the repeat");
            return OptionalInt.empty();
        }
        ProbeScript script;
        try {
            script = ProbeScript.parse(task.getData().toByteArray());
        } catch (IOException e) {
            ledger.launched(task, ProbeScript.stay());
            send(status(id, TaskState.TASK_FAILED).setMessage("bad probe script: " + e.getMessage()));
            return OptionalInt.empty();
        }
        ledger.launched(task, script);
        send(status(id, TaskState.TASK_STARTING));
        TaskStatus.Builder running = status(id, TaskState.TASK_RUNNING);
        try {
            if (script.write().isPresent()) {
                Path file = env.sandbox().resolve(script.write().get().path());
                Files.createDirectories(file.toAbsolutePath().getParent());
                Files.writeString(file, script.write().get().content());
            }
            if (script.read().isPresent()) {
                Path file = env.sandbox().resolve(script.read().get());
                String content = Files.exists(file) ? Files.readString(file) : "";
                running.setMessage(content).setData(ByteString.copyFromUtf8(content));
            }
            if (script.reportsEnv()) {
                running.setData(ByteString.copyFrom(JSON.writeValueAsBytes(env.reportable())));
            }
        } catch (IOException e) {
            send(status(id, TaskState.TASK_FAILED).setMessage("probe script failed: " + e));
            return OptionalInt.empty();
        }
        send(running);
        switch (script.then()) {
            case "finish" -> send(status(id, TaskState.TASK_FINISHED));
            case "fail" -> send(status(id, TaskState.TASK_FAILED).setMessage("the probe script said fail"));
            case "stay" -> { }
            default -> {
                int code = script.exitCode().orElseThrow();
                log("task " + id.getValue() + " ends the executor with exit code " + code);
                return OptionalInt.of(code);
            }
        }
        return OptionalInt.empty();
    }

    private void kill(TaskID id) {
        if (!ledger.isLive(id)) {
            log("no live task " + id.getValue() + " to kill");
            return;
        }
        if (ledger.script(id).orElseThrow().ignoresKill()) {
            log("ignoring the kill of " + id.getValue() + " as scripted");
            return;
        }
        if (killingStateCapable) {
            send(status(id, TaskState.TASK_KILLING));
        }
        send(status(id, TaskState.TASK_KILLED));
    }

    // ---- updates --------------------------------------------------------------------------------------

    private TaskStatus.Builder status(TaskID task, TaskState state) {
        return TaskStatus.newBuilder()
                .setTaskId(task)
                .setState(state)
                .setSource(TaskStatus.Source.SOURCE_EXECUTOR)
                .setExecutorId(env.executorId()); // agent_id stays unset: the agent drops a wrong one silently
    }

    /** Kept until ACKNOWLEDGED; if the POST fails it is replayed in the next SUBSCRIBE instead. */
    private void send(TaskStatus.Builder status) {
        ByteString uuid = MesosUuid.random();
        status.setUuid(uuid).setTimestamp(Instant.now().toEpochMilli() / 1000.0);
        Call.Update update = Call.Update.newBuilder().setStatus(status).build();
        ledger.sending(update);
        CallResult result = agent.send(call(Call.Type.UPDATE).setUpdate(update).build());
        log("sent " + status.getState() + " for " + status.getTaskId().getValue() + " " + uuidText(uuid)
                + (result.isSuccess() ? "" : ": " + result));
    }

    private Call.Builder call(Call.Type type) {
        return Call.newBuilder().setType(type).setFrameworkId(env.frameworkId()).setExecutorId(env.executorId());
    }

    // ---- small things ---------------------------------------------------------------------------------

    private static String uuidText(ByteString bytes) {
        if (bytes.size() != 16) {
            return "<" + bytes.size() + "-byte uuid>";
        }
        ByteBuffer buffer = bytes.asReadOnlyByteBuffer();
        return new UUID(buffer.getLong(), buffer.getLong()).toString();
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Half to all of the backoff, so that executors restarted together do not knock in step. */
    private static Duration jittered(Duration backoff) {
        long nanos = backoff.toNanos();
        return Duration.ofNanos(nanos / 2 + ThreadLocalRandom.current().nextLong(nanos / 2 + 1));
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void log(String line) {
        System.err.println(Instant.now() + " probe: " + line);
    }
}
