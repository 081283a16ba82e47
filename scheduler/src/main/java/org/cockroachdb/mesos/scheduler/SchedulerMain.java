package org.cockroachdb.mesos.scheduler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler process. Exit codes: 0 stopped on purpose (SIGTERM), 1 failed or lost the lock
 * (Marathon starts us again), 2 the environment is invalid and there is no earlier target to keep.
 */
public final class SchedulerMain {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulerMain.class);
    static final int EXIT_FAILED = 1;
    static final int EXIT_INVALID_CONFIG = 2;

    private SchedulerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SchedulerService service;
        try {
            service = SchedulerService.start(System.getenv());
        } catch (SchedulerService.CannotStart e) {
            LOG.error("{}; exiting", e.getMessage());
            System.exit(e.invalidConfig() ? EXIT_INVALID_CONFIG : EXIT_FAILED);
            return;
        }
        service.onLeadershipLost(() -> {
            LOG.error("lost the ZooKeeper lock; exiting so that only one scheduler acts");
            Runtime.getRuntime().halt(EXIT_FAILED);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping (the framework stays registered; its tasks keep running)");
            service.close();
            // SIGTERM is how Marathon stops us on purpose: a clean exit.
            Runtime.getRuntime().halt(0);
        }, "scheduler-shutdown"));
        Thread.currentThread().join();
    }
}
