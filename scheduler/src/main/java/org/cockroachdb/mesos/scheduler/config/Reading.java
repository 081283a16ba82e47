package org.cockroachdb.mesos.scheduler.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The outcome of reading one setting's text: the typed value, or why it was refused. The reason
 * names what is accepted; {@link EnvironmentReader} prefixes the variable and the bad value.
 */
sealed interface Reading<T> {

    record Ok<T>(T value) implements Reading<T> {}

    record Refused<T>(String why) implements Reading<T> {}

    static <T> Reading<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Reading<T> refused(String why) {
        return new Refused<>(why);
    }

    default <R> Reading<R> map(Function<T, R> f) {
        if (this instanceof Ok<T> ok) {
            return ok(f.apply(ok.value()));
        }
        return refused(((Refused<T>) this).why());
    }

    /** A whole number in [min, max]. */
    static Function<String, Reading<Long>> wholeNumberIn(long min, long max) {
        String accepted = max == Long.MAX_VALUE
                ? "expected a whole number >= " + min
                : "expected a whole number from " + min + " to " + max;
        return text -> {
            long value;
            try {
                value = Long.parseLong(text);
            } catch (NumberFormatException e) {
                return refused(accepted);
            }
            return value < min || value > max ? refused(accepted) : ok(value);
        };
    }

    /** A port number; {@code allowZero} for "any free port". */
    static Function<String, Reading<Integer>> port(boolean allowZero) {
        return text -> wholeNumberIn(allowZero ? 0 : 1, 65535).apply(text).map(Long::intValue);
    }

    /** A decimal number d with {@code exclusiveMin < d <= max}. */
    static Function<String, Reading<BigDecimal>> decimalAbove(BigDecimal exclusiveMin, BigDecimal max) {
        String accepted = "expected a number greater than " + exclusiveMin.toPlainString()
                + " and at most " + max.toPlainString();
        return text -> {
            BigDecimal value;
            try {
                value = new BigDecimal(text);
            } catch (NumberFormatException e) {
                return refused(accepted);
            }
            return value.compareTo(exclusiveMin) <= 0 || value.compareTo(max) > 0
                    ? refused(accepted) : ok(value);
        };
    }

    /** Exactly "true" or "false": anything looser hides typos such as "ture". */
    static Reading<Boolean> bool(String text) {
        return switch (text) {
            case "true" -> ok(true);
            case "false" -> ok(false);
            default -> refused("expected true or false");
        };
    }

    /** One of an enum's constants, by name, case-insensitively. */
    /** Free text on one line (a command or a path): no newline, no NUL. */
    static Function<String, Reading<String>> singleLine() {
        return text -> text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\0') >= 0
                ? refused("expected one line of text")
                : ok(text);
    }

    static <E extends Enum<E>> Function<String, Reading<E>> oneOf(Class<E> type) {
        E[] constants = type.getEnumConstants();
        StringBuilder names = new StringBuilder();
        for (E constant : constants) {
            names.append(names.length() == 0 ? "" : "|").append(constant.name());
        }
        return text -> {
            for (E constant : constants) {
                if (constant.name().equals(text.toUpperCase(Locale.ROOT))) {
                    return ok(constant);
                }
            }
            return refused("expected one of " + names);
        };
    }

    /** An absolute URI with one of the given schemes and a path or host. */
    static Function<String, Reading<URI>> uriWithScheme(Set<String> schemes, String accepted) {
        return text -> {
            URI uri;
            try {
                uri = new URI(text);
            } catch (URISyntaxException e) {
                return refused(accepted);
            }
            boolean schemeOk = uri.getScheme() != null
                    && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT));
            boolean hasTarget = uri.getHost() != null
                    || ("file".equalsIgnoreCase(uri.getScheme()) && uri.getPath() != null && !uri.getPath().isEmpty());
            return schemeOk && hasTarget ? ok(uri) : refused(accepted);
        };
    }

    /** Where an artifact is downloaded from. */
    static Function<String, Reading<URI>> artifactUri() {
        return uriWithScheme(Set.of("http", "https", "file"),
                "expected an http://, https:// or file:// URL");
    }
}
