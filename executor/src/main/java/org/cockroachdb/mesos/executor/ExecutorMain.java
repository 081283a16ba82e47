package org.cockroachdb.mesos.executor;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.cockroachdb.mesos.http.executor.ExecutorClient;
import org.cockroachdb.mesos.http.executor.ExecutorEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor process the agent starts for a cockroach node: subscribes to the agent, runs the
 * launched node, and exits 0 once its tasks ended and their last updates were acknowledged.
 */
public final class ExecutorMain {
    /** After the last task ended: how long to wait for the agent's acknowledgements before exiting anyway. */
    static final Duration ACK_WAIT = Duration.ofSeconds(30);

    private ExecutorMain() {}

    public static void main(String[] args) throws Exception {
        // stderr lands in the sandbox; set before the first logger is made
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.showDateTime", "true");
        Logger log = LoggerFactory.getLogger(ExecutorMain.class);
        ExecutorEnvironment env;
        try {
            env = ExecutorEnvironment.from(System.getenv());
        } catch (IllegalArgumentException e) {
            log.error("{}", e.getMessage());
            System.exit(2);
            return;
        }
        log.info("Starting: {}", env);
        // The executor sends through the client and the client reports to the executor: one slot breaks the cycle.
        ExecutorClient[] client = new ExecutorClient[1];
        CockroachExecutor executor = new CockroachExecutor(env.sandbox(), env.shutdownGracePeriod(),
                status -> client[0].update(status), () -> !client[0].unacknowledgedUpdates().isEmpty());
        client[0] = ExecutorClient.builder(env, executor).build();
        // The agent or an operator may SIGTERM the executor: cockroach must not outlive it.
        Runtime.getRuntime().addShutdownHook(new Thread(executor::stopAll, "stop-cockroach"));
        client[0].start();

        executor.allEnded().join();
        try {
            executor.finished().get(ACK_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn("The agent did not acknowledge the last updates within {} s; exiting anyway", ACK_WAIT.toSeconds());
        }
        log.info("Every task ended; exiting");
        client[0].close();
        System.exit(0);
    }
}
