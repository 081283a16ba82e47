package org.cockroachdb.mesos.testkit.cockroach.node;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * POSIX signal handling for the stand-in node, through the JDK's {@code sun.misc.Signal}. Reached
 * by reflection because javac warns about that internal API on every compile and the warning
 * cannot be suppressed; behaviour is the same.
 */
final class PosixSignals {
    private PosixSignals() {}

    /** Runs {@code handler} on a JVM thread whenever {@code name} (TERM, INT, HUP) arrives. */
    static void handle(String name, Runnable handler) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Object proxy = Proxy.newProxyInstance(handlerClass.getClassLoader(), new Class<?>[] {handlerClass},
                    (p, method, args) -> {
                        if (method.getName().equals("handle")) {
                            handler.run();
                        }
                        return null;
                    });
            Method handle = signalClass.getMethod("handle", signalClass, handlerClass);
            handle.invoke(null, signal, proxy);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot install a handler for SIG" + name, e);
        }
    }

    /** Restores the default action and raises the signal: the process dies of it, as Go re-raises. */
    static void dieOf(String name) {
        try {
            Class<?> signalClass = Class.forName("sun.misc.Signal");
            Class<?> handlerClass = Class.forName("sun.misc.SignalHandler");
            Object signal = signalClass.getConstructor(String.class).newInstance(name);
            Object dfl = handlerClass.getField("SIG_DFL").get(null);
            signalClass.getMethod("handle", signalClass, handlerClass).invoke(null, signal, dfl);
            signalClass.getMethod("raise", signalClass).invoke(null, signal);
        } catch (ReflectiveOperationException e) {
            Runtime.getRuntime().halt(130);
        }
    }
}
