package org.cockroachdb.mesos.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The loopback addresses {@code 127.0.<block>.1..N} a local cluster's agents use, held for the
 * cluster's life. A free port alone is no claim (a cluster whose nodes have not started yet, or
 * whose node is down for a moment, leaves its ports free), so a block is also claimed by an
 * exclusive lock on a file every local cluster of this machine agrees on; the operating system
 * releases it when the holder exits, however it exits.
 */
final class LoopbackBlock implements AutoCloseable {
    private static final int FIRST = 1;
    private static final int LAST = 254;

    private final int block;
    private final FileChannel channel;
    private final FileLock lock;

    private LoopbackBlock(int block, FileChannel channel, FileLock lock) {
        this.block = block;
        this.channel = channel;
        this.lock = lock;
    }

    /** The first block, from 1, that no other local cluster holds and whose {@code ports} are free on every address. */
    static LoopbackBlock claim(int agents, List<Integer> ports, Path lockDir) throws IOException {
        Files.createDirectories(lockDir);
        for (int block = FIRST; block <= LAST; block++) {
            FileChannel channel = FileChannel.open(lockDir.resolve("127.0." + block + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock != null && portsFree(block, agents, ports)) {
                return new LoopbackBlock(block, channel, lock);
            }
            if (lock != null) {
                lock.release();
            }
            channel.close();
        }
        throw new IOException("every loopback block 127.0.1-" + LAST + ".x is held by another local cluster or has"
                + " one of the ports " + ports + " taken; stop other local clusters");
    }

    /** Where local clusters of this machine keep their block locks. */
    static Path defaultLockDir() {
        return Path.of(System.getProperty("java.io.tmpdir"), "cockroachdb-mesos-local");
    }

    String host(int agentIndex) {
        return host(block, agentIndex);
    }

    static String host(int block, int agentIndex) {
        return "127.0." + block + "." + (agentIndex + 1);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static boolean portsFree(int block, int agents, List<Integer> ports) {
        for (int i = 0; i < agents; i++) {
            for (int port : ports) {
                try (ServerSocket probe = new ServerSocket()) {
                    probe.bind(new InetSocketAddress(host(block, i), port));
                } catch (IOException taken) {
                    return false;
                }
            }
        }
        return true;
    }
}
