package org.cockroachdb.mesos.executor.supervise;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/** The updates a supervisor sent, in order. */
public final class RecordingSink implements StatusSink {
    public final List<TaskStatus> sent = new CopyOnWriteArrayList<>();

    @Override
    public void send(TaskStatus status) {
        sent.add(status);
    }

    public Optional<TaskStatus> first(Predicate<TaskStatus> wanted) {
        return sent.stream().filter(wanted).findFirst();
    }

    public int indexOf(Predicate<TaskStatus> wanted) {
        for (int i = 0; i < sent.size(); i++) {
            if (wanted.test(sent.get(i))) {
                return i;
            }
        }
        return -1;
    }

    public List<TaskState> states() {
        return sent.stream().map(TaskStatus::getState).toList();
    }

    public static Predicate<TaskStatus> state(TaskState state) {
        return s -> s.getState() == state;
    }

    public static Predicate<TaskStatus> label(String key, String value) {
        return s -> s.getLabels().getLabelsList().stream().anyMatch(l -> l.getKey().equals(key) && l.getValue().equals(value));
    }

    public static Optional<String> labelOf(TaskStatus s, String key) {
        return s.getLabels().getLabelsList().stream().filter(l -> l.getKey().equals(key)).map(Label::getValue).findFirst();
    }
}
