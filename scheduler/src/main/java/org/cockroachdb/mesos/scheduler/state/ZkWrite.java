package org.cockroachdb.mesos.scheduler.state;

import java.util.Objects;

/** One write in an all-or-nothing {@link ZkStore#commit} (paths are relative to the namespace). */
public sealed interface ZkWrite {

    String path();

    /** Creates the znode; fails the commit if it exists. */
    record Create(String path, byte[] data) implements ZkWrite {
        public Create {
            Objects.requireNonNull(path, "path");
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** Replaces the znode's data; fails the commit if its version is no longer {@code expectedVersion}. */
    record Update(String path, byte[] data, int expectedVersion) implements ZkWrite {
        public Update {
            Objects.requireNonNull(path, "path");
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }
    }

    /** Deletes the znode (which must have no children); fails the commit if it does not exist. */
    record Delete(String path) implements ZkWrite {
        public Delete {
            Objects.requireNonNull(path, "path");
        }
    }
}
