package org.cockroachdb.mesos.scheduler.state;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** Naming and trimming of the target config history ({@code history/<revision>}), as pure functions. */
final class ConfigHistory {

    private ConfigHistory() {
    }

    /** Zero-padded so that ZooKeeper's (unordered) children sort the same by name and by number. */
    static String entryName(long revision) {
        return String.format("%019d", revision);
    }

    static Optional<Long> revisionOf(String entryName) {
        try {
            return Optional.of(Long.parseLong(entryName));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static List<Long> revisions(Collection<String> entryNames) {
        return entryNames.stream().map(ConfigHistory::revisionOf).flatMap(Optional::stream).sorted().toList();
    }

    /** The oldest revisions beyond the newest {@code keep}, once {@code added} has joined {@code existing}. */
    static List<Long> revisionsToDrop(Collection<String> existing, long added, int keep) {
        List<Long> all = Stream.concat(revisions(existing).stream(), Stream.of(added))
                .distinct().sorted().toList();
        return all.subList(0, Math.max(0, all.size() - keep));
    }
}
