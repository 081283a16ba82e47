package org.cockroachdb.mesos.testkit.cockroach.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Command-line flags parsed the way cockroach's Go library (pflag) parses them: {@code --name=value}
 * or {@code --name value}, boolean flags bare or {@code --name=true|false}, repeatable flags
 * ({@code --store}, {@code --join}, {@code -e}), and the same error texts for unknown flags and
 * missing values.
 */
public final class Flags {
    private final Map<String, List<String>> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    /** What one command accepts: flags that take a value, boolean flags, and short aliases. */
    public record Spec(Set<String> valued, Set<String> booleans, Map<Character, String> shorthands,
                       Map<String, String> inlineDefaults) {
        public Spec(Set<String> valued, Set<String> booleans, Map<Character, String> shorthands) {
            this(valued, booleans, shorthands, Map.of());
        }
    }

    public static Flags parse(List<String> args, Spec spec) throws CommandFailure {
        Flags f = new Flags();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--")) {
                f.positional.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (a.startsWith("--")) {
                String body = a.substring(2);
                int eq = body.indexOf('=');
                String name = eq < 0 ? body : body.substring(0, eq);
                String inline = eq < 0 ? null : body.substring(eq + 1);
                i = f.take(spec, name, inline, args, i, "--" + name);
            } else if (a.startsWith("-") && a.length() > 1) {
                char c = a.charAt(1);
                String name = spec.shorthands().get(c);
                if (name == null) {
                    throw new CommandFailure("unknown shorthand flag: '" + c + "' in " + a);
                }
                String inline = a.length() > 2 ? a.substring(a.charAt(2) == '=' ? 3 : 2) : null;
                i = f.take(spec, name, inline, args, i, "-" + c);
            } else {
                f.positional.add(a);
            }
        }
        return f;
    }

    private int take(Spec spec, String name, String inline, List<String> args, int i, String shown) throws CommandFailure {
        if (spec.inlineDefaults().containsKey(name)) {
            // like --logtostderr: bare means the default; a value must be given inline
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(inline == null ? spec.inlineDefaults().get(name) : inline);
            return i;
        }
        if (spec.booleans().contains(name)) {
            String v = inline == null ? "true" : inline;
            if (!v.equals("true") && !v.equals("false")) {
                throw new CommandFailure("invalid argument \"" + v + "\" for \"" + shown + "\" flag: strconv.ParseBool: parsing \""
                        + v + "\": invalid syntax");
            }
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(v);
            return i;
        }
        if (!spec.valued().contains(name)) {
            throw new CommandFailure("unknown flag: " + shown);
        }
        if (inline != null) {
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(inline);
            return i;
        }
        if (i + 1 >= args.size()) {
            throw new CommandFailure("flag needs an argument: " + shown);
        }
        values.computeIfAbsent(name, k -> new ArrayList<>()).add(args.get(i + 1));
        return i + 1;
    }

    public Optional<String> value(String name) {
        List<String> v = values.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(v.size() - 1));
    }

    public List<String> all(String name) {
        return values.getOrDefault(name, List.of());
    }

    public boolean flag(String name) {
        return value(name).map(Boolean::parseBoolean).orElse(false);
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    public List<String> positional() {
        return List.copyOf(positional);
    }
}
