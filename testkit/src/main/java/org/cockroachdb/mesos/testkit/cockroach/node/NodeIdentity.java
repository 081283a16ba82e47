package org.cockroachdb.mesos.testkit.cockroach.node;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a store remembers about its node: the cluster it belongs to and its node id. A wiped store
 * remembers nothing, so its node joins again under a new id, as a real one does.
 */
public record NodeIdentity(String clusterId, int nodeId, String clusterDir) {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String FILE = "STANDIN-NODE-IDENTITY.json";

    public static Optional<NodeIdentity> read(Path store) {
        Path file = store.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), NodeIdentity.class));
        } catch (IOException e) {
            throw new UncheckedIOException("the store at " + store + " is corrupt: cannot read " + FILE, e);
        }
    }

    public void write(Path store) {
        try {
            Files.createDirectories(store);
            JSON.writeValue(store.resolve(FILE).toFile(), this);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the node identity into " + store, e);
        }
    }
}
