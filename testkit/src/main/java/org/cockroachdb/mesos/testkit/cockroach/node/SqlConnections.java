package org.cockroachdb.mesos.testkit.cockroach.node;

import java.io.IOException;
import java.net.Socket;

/** Where the shared port hands a PostgreSQL connection, with the bytes already read to sniff it. */
@FunctionalInterface
public interface SqlConnections {
    void serve(Socket socket, byte[] alreadyRead) throws IOException;
}
