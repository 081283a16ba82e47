package org.cockroachdb.mesos.scheduler.state;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.UnaryOperator;

import com.google.protobuf.ByteString;

/**
 * The scheduler's durable state in its ZooKeeper namespace. Only the leader holds one: it is created
 * by winning the election at {@code /lock}, and every write checks that leadership is still held.
 * Each record is one znode written with a version check, and changes that belong together are one
 * transaction, so a crash never leaves half a write. Layout:
 * <pre>
 * /lock                  leader latch
 * /frameworkId           UTF-8
 * /target                {"revision": n, "config": {...}}
 * /history/&lt;n&gt;          the last N targets, same form
 * /tasks/&lt;taskName&gt;      TaskRecord JSON (TaskInfo with secrets stripped, last TaskStatus, node id, ready)
 * /properties/&lt;key&gt;     UTF-8
 * </pre>
 */
public final class StateStore implements AutoCloseable {

    /** How many target configs the history keeps, and how TaskInfos are cleaned before storing. */
    public record Options(int historyLimit, UnaryOperator<ByteString> taskInfoRedaction) {
        public Options {
            Objects.requireNonNull(taskInfoRedaction, "taskInfoRedaction");
            if (historyLimit < 1) {
                throw new IllegalArgumentException("the history keeps at least the current target: " + historyLimit);
            }
        }

        public static Options defaults() {
            return new Options(10, new TaskInfoRedaction(SecretNames.DEFAULT));
        }

        public Options withHistoryLimit(int limit) {
            return new Options(limit, taskInfoRedaction);
        }
    }

    private final ZkStore zk;
    private final Leadership leadership;
    private final Options options;

    private StateStore(ZkStore zk, Leadership leadership, Options options) {
        this.zk = zk;
        this.leadership = leadership;
        this.options = options;
    }

    /**
     * Joins the election and waits up to {@code maxWait} to lead; the store exists only for the
     * leader. Empty if someone else still leads then (the caller may simply try again).
     */
    public static Optional<StateStore> lead(ZkStore zk, String participantId, Options options, Duration maxWait)
            throws InterruptedException {
        Leadership leadership = zk.joinElection(StatePaths.LOCK, participantId);
        boolean leading = false;
        try {
            leading = leadership.awaitLeadership(maxWait);
        } finally {
            if (!leading) {
                leadership.close();
            }
        }
        if (!leading) {
            return Optional.empty();
        }
        StateStore store = new StateStore(zk, leadership, options);
        try {
            store.createLayout();
        } catch (RuntimeException e) {
            leadership.close();
            throw e;
        }
        return Optional.of(store);
    }

    /** Completes when leadership is lost; the owner must then stop acting and exit. */
    public CompletionStage<LeadershipLoss> leadershipLost() {
        return leadership.lost();
    }

    public boolean isLeader() {
        return leadership.isLeader();
    }

    // --- framework id -----------------------------------------------------------------------

    public Optional<String> frameworkId() {
        return zk.read(StatePaths.FRAMEWORK_ID).map(v -> utf8(v.value()));
    }

    public void storeFrameworkId(String frameworkId) {
        StatePaths.requireSegment("framework id", frameworkId);
        requireLeader();
        commit(List.of(upsert(StatePaths.FRAMEWORK_ID, utf8(frameworkId))));
    }

    // --- target config and its history ------------------------------------------------------

    public Optional<ConfigRevision> target() {
        return zk.read(StatePaths.TARGET).map(v -> ConfigRevisionJson.decode(v.value()));
    }

    /** The kept targets, oldest first; the last one is the current target. */
    public List<ConfigRevision> history() {
        List<ConfigRevision> revisions = new ArrayList<>();
        for (long revision : ConfigHistory.revisions(zk.children(StatePaths.HISTORY))) {
            zk.read(StatePaths.historyEntry(revision))
                    .ifPresent(v -> revisions.add(ConfigRevisionJson.decode(v.value())));
        }
        return List.copyOf(revisions);
    }

    /**
     * Makes {@code configJson} the target, appends it to the history and drops the oldest entries
     * beyond the limit, all in one transaction.
     * @throws IllegalArgumentException if it is not JSON
     */
    public ConfigRevision storeTarget(String configJson) {
        String normalized = ConfigRevisionJson.normalize(configJson);
        requireLeader();
        Optional<Versioned<byte[]>> current = zk.read(StatePaths.TARGET);
        List<String> historyNames = zk.children(StatePaths.HISTORY);
        long latest = Math.max(
                current.map(v -> ConfigRevisionJson.decode(v.value()).revision()).orElse(0L),
                ConfigHistory.revisions(historyNames).stream().mapToLong(Long::longValue).max().orElse(0L));
        ConfigRevision next = new ConfigRevision(latest + 1, normalized);
        byte[] bytes = ConfigRevisionJson.encode(next);

        List<ZkWrite> writes = new ArrayList<>();
        writes.add(current.<ZkWrite>map(v -> new ZkWrite.Update(StatePaths.TARGET, bytes, v.version()))
                .orElseGet(() -> new ZkWrite.Create(StatePaths.TARGET, bytes)));
        writes.add(new ZkWrite.Create(StatePaths.historyEntry(next.revision()), bytes));
        for (long old : ConfigHistory.revisionsToDrop(historyNames, next.revision(), options.historyLimit())) {
            writes.add(new ZkWrite.Delete(StatePaths.historyEntry(old)));
        }
        commit(writes);
        return next;
    }

    // --- tasks ------------------------------------------------------------------------------

    public Optional<Versioned<TaskRecord>> task(String taskName) {
        return zk.read(StatePaths.task(taskName)).map(v -> v.map(TaskRecordJson::decode));
    }

    public List<TaskRecord> tasks() {
        List<TaskRecord> records = new ArrayList<>();
        for (String name : zk.children(StatePaths.TASKS)) {
            // A task deleted between listing and reading is simply not there any more.
            task(name).ifPresent(v -> records.add(v.value()));
        }
        return List.copyOf(records);
    }

    /** Creates or replaces the task's record (its TaskInfo redacted). */
    public void storeTask(TaskRecord record) {
        storeTasks(List.of(record));
    }

    /**
     * Replaces the record only if it is still at {@code expectedVersion} ({@link Versioned#ABSENT}:
     * only if there is none). @throws StaleVersionException if someone wrote in between
     */
    public void storeTask(TaskRecord record, int expectedVersion) {
        byte[] bytes = TaskRecordJson.encode(redacted(record));
        String path = StatePaths.task(record.taskName());
        commit(List.of(expectedVersion == Versioned.ABSENT
                ? new ZkWrite.Create(path, bytes)
                : new ZkWrite.Update(path, bytes, expectedVersion)));
    }

    /** Creates or replaces several records at once, e.g. every task of a pod before launching it. */
    public void storeTasks(Collection<TaskRecord> records) {
        requireLeader();
        List<ZkWrite> writes = new ArrayList<>();
        for (TaskRecord record : records) {
            writes.add(upsert(StatePaths.task(record.taskName()), TaskRecordJson.encode(redacted(record))));
        }
        commit(writes);
    }

    public void deleteTask(String taskName) {
        requireLeader();
        zk.delete(StatePaths.task(taskName));
    }

    // --- properties -------------------------------------------------------------------------

    public Optional<String> property(String key) {
        return zk.read(StatePaths.property(key)).map(v -> utf8(v.value()));
    }

    public Map<String, String> properties() {
        Map<String, String> properties = new LinkedHashMap<>();
        for (String key : zk.children(StatePaths.PROPERTIES).stream().sorted().toList()) {
            property(key).ifPresent(value -> properties.put(key, value));
        }
        return Map.copyOf(properties);
    }

    public void storeProperty(String key, String value) {
        requireLeader();
        commit(List.of(upsert(StatePaths.property(key), utf8(value))));
    }

    public void deleteProperty(String key) {
        requireLeader();
        zk.delete(StatePaths.property(key));
    }

    // --- uninstall --------------------------------------------------------------------------

    /**
     * Removes every record while still leading, then leaves the election (quietly: this is no loss
     * of leadership to react to) and removes the namespace root with it. The election is left first
     * because a latch whose node vanished under it would recreate it, and the root with it. The
     * store writes nothing afterwards; close it.
     *
     * @return whether the root node itself is gone too: ZooKeeper's ACLs may not permit deleting it
     */
    public boolean deleteAll() {
        requireLeader();
        String lock = StatePaths.LOCK.substring(1);
        String properties = StatePaths.PROPERTIES.substring(1);
        for (String child : zk.children("/")) {
            if (!child.equals(lock) && !child.equals(properties)) {
                zk.delete("/" + child);
            }
        }
        // Properties last: they say what a restart after a crash in between must know (an
        // uninstall under way).
        zk.delete(StatePaths.PROPERTIES);
        leadership.close();
        try {
            zk.deleteNamespace();
            return true;
        } catch (ZkStoreException notPermitted) {
            return false;
        }
    }

    /** Gives up leadership; the ZkStore stays open (its owner closes it). */
    @Override
    public void close() {
        leadership.close();
    }

    // ----------------------------------------------------------------------------------------

    private void createLayout() {
        for (String path : List.of(StatePaths.TASKS, StatePaths.PROPERTIES, StatePaths.HISTORY)) {
            if (zk.read(path).isEmpty()) {
                try {
                    zk.create(path, new byte[0]);
                } catch (StaleVersionException createdMeanwhile) {
                    // Fine: it exists, which is all we need.
                }
            }
        }
    }

    private TaskRecord redacted(TaskRecord record) {
        return record.withTaskInfo(options.taskInfoRedaction().apply(record.taskInfo()));
    }

    /** Replace what is there if it has not changed since we looked; create it if nothing is. */
    private ZkWrite upsert(String path, byte[] bytes) {
        return zk.read(path).<ZkWrite>map(v -> new ZkWrite.Update(path, bytes, v.version()))
                .orElseGet(() -> new ZkWrite.Create(path, bytes));
    }

    /** Checks leadership again just before writing: reads in between may have taken a while. */
    private void commit(List<ZkWrite> writes) {
        requireLeader();
        zk.commit(writes);
    }

    private void requireLeader() {
        if (!leadership.isLeader()) {
            throw new NotLeaderException("this scheduler is no longer the leader; refusing to write");
        }
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
