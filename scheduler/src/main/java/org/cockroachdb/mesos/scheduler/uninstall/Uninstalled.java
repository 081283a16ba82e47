package org.cockroachdb.mesos.scheduler.uninstall;

import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;

import org.cockroachdb.mesos.scheduler.api.CommandReply;
import org.cockroachdb.mesos.scheduler.api.Commands;
import org.cockroachdb.mesos.scheduler.api.ServiceView;
import org.cockroachdb.mesos.scheduler.plan.PlanCommand;
import org.cockroachdb.mesos.scheduler.plan.PodCommand;

/**
 * A scheduler started again after its uninstall finished (the framework id is gone with the
 * state): it only serves the API, with a complete {@code deploy} plan, until Cosmos removes its
 * Marathon app. It never registers with Mesos again: that would make a new framework.
 */
public final class Uninstalled implements Commands {

    private final ServiceView view;

    public Uninstalled(String serviceName) {
        this.view = UninstallViews.uninstalled(serviceName);
    }

    public ServiceView view() {
        return view;
    }

    @Override
    public CompletableFuture<CommandReply> plan(String planName, PlanCommand command) {
        return CompletableFuture.completedFuture(UninstallCommands.plan(planName, command,
                UninstallPlan.completed(), new TreeSet<>()).reply());
    }

    @Override
    public CompletableFuture<CommandReply> pod(PodCommand command) {
        return CompletableFuture.completedFuture(UninstallCommands.pod());
    }
}
