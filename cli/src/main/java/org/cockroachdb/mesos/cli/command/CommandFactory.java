package org.cockroachdb.mesos.cli.command;

import java.lang.reflect.Constructor;
import picocli.CommandLine;

/** Gives every command and mixin that asks for it (a constructor taking one) the run's {@link Invocation}. */
final class CommandFactory implements CommandLine.IFactory {
    private final Invocation invocation;

    CommandFactory(Invocation invocation) {
        this.invocation = invocation;
    }

    @Override
    public <K> K create(Class<K> type) throws Exception {
        Constructor<K> withInvocation;
        try {
            withInvocation = type.getDeclaredConstructor(Invocation.class);
        } catch (NoSuchMethodException e) {
            return CommandLine.defaultFactory().create(type);
        }
        return withInvocation.newInstance(invocation);
    }
}
