package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A second node process for {@link SharedDatabaseAcrossProcessesTest}: opens the cluster's database
 * first (so this process serves it to the others), writes a row, reports what opening cost, says
 * "ready", and then holds the database until it is killed.
 *
 * <p>Arguments: the SQL data directory, the row id to insert.
 */
public final class SharedDatabaseHolder {
    private SharedDatabaseHolder() {}

    public static void main(String[] args) throws Exception {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long start = System.nanoTime();
        H2SqlBackend backend = new H2SqlBackend(new FakeNodeContext(Path.of(args[0])));
        H2SqlSession session = backend.open("root", "defaultdb", Map.of());
        session.execute("SELECT 1", List.of());
        long openedMillis = (System.nanoTime() - start) / 1_000_000;
        System.gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();
        session.execute("CREATE TABLE IF NOT EXISTS held (id INT PRIMARY KEY, by STRING)", List.of());
        session.execute("INSERT INTO held VALUES ($1, 'child')", List.of(args[1]));
        System.out.println("opened " + openedMillis + " ms, heap +" + (heapAfter - heapBefore) / 1024 + " KiB");
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // hold the database until killed, or until the parent closes our stdin
        }
    }
}
