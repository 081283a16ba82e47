package org.cockroachdb.mesos.testkit.cockroach.cert;

import org.cockroachdb.mesos.testkit.cockroach.GoDuration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One {@code cert} sub-command's command line, parsed as pflag does: {@code --name=value} or
 * {@code --name value}, booleans bare or {@code =true/false}, flags and arguments in any order,
 * {@code --} ends the flags. Defaults come from the flag's environment variable, then the built-in
 * default. Errors carry pflag's wording ({@code unknown flag: --x}).
 */
record CertFlags(
        String certsDir,
        String caKey,
        int keySize,
        Duration lifetime,
        boolean allowCaKeyReuse,
        boolean overwrite,
        boolean alsoGeneratePkcs8Key,
        List<String> arguments,
        boolean help) {

    static CertFlags parse(CertSubcommand sub, List<String> args, Function<String, String> env)
            throws CommandLineError {
        Map<CertFlag, String> values = new EnumMap<>(CertFlag.class);
        for (CertFlag flag : sub.flags()) {
            flag.environmentVariable().map(env).filter(v -> !v.isEmpty()).ifPresent(v -> values.put(flag, v));
        }
        List<String> arguments = new ArrayList<>();
        boolean help = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                arguments.addAll(args.subList(i + 1, args.size()));
                break;
            }
            if (arg.startsWith("--")) {
                int eq = arg.indexOf('=');
                String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
                if (name.equals("help")) {
                    help = true;
                    continue;
                }
                CertFlag flag = CertFlag.named(name).filter(sub.flags()::contains)
                        .orElseThrow(() -> new CommandLineError("unknown flag: --" + name));
                if (eq >= 0) {
                    values.put(flag, arg.substring(eq + 1));
                } else if (flag.kind() == CertFlag.Kind.BOOL) {
                    values.put(flag, "true");
                } else if (i + 1 < args.size()) {
                    values.put(flag, args.get(++i));
                } else {
                    throw new CommandLineError("flag needs an argument: " + arg);
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                // None of these flags has a shorthand; only -h (help) exists.
                char shorthand = arg.charAt(1);
                if (shorthand != 'h') {
                    throw new CommandLineError("unknown shorthand flag: '" + shorthand + "' in " + arg);
                }
                help = true;
            } else {
                arguments.add(arg);
            }
        }
        return new CertFlags(
                Optional.ofNullable(values.get(CertFlag.CERTS_DIR)).orElse(CertFlag.DEFAULT_CERTS_DIR),
                Optional.ofNullable(values.get(CertFlag.CA_KEY)).orElse(""),
                values.containsKey(CertFlag.KEY_SIZE)
                        ? parseInt(CertFlag.KEY_SIZE, values.get(CertFlag.KEY_SIZE))
                        : CertFlag.DEFAULT_KEY_SIZE,
                values.containsKey(CertFlag.LIFETIME)
                        ? parseDuration(CertFlag.LIFETIME, values.get(CertFlag.LIFETIME))
                        : sub.defaultLifetime(),
                parseBool(CertFlag.ALLOW_CA_KEY_REUSE, values.get(CertFlag.ALLOW_CA_KEY_REUSE)),
                parseBool(CertFlag.OVERWRITE, values.get(CertFlag.OVERWRITE)),
                parseBool(CertFlag.ALSO_GENERATE_PKCS8_KEY, values.get(CertFlag.ALSO_GENERATE_PKCS8_KEY)),
                List.copyOf(arguments),
                help);
    }

    private static int parseInt(CertFlag flag, String value) throws CommandLineError {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            boolean digits = value.matches("[-+]?\\d+");
            throw invalidArgument(flag, value, "strconv.ParseInt: parsing \"" + value + "\": "
                    + (digits ? "value out of range" : "invalid syntax"));
        }
    }

    private static Duration parseDuration(CertFlag flag, String value) throws CommandLineError {
        try {
            return GoDuration.parse(value);
        } catch (IllegalArgumentException e) {
            throw invalidArgument(flag, value, e.getMessage());
        }
    }

    /** Go's strconv.ParseBool. */
    private static boolean parseBool(CertFlag flag, String value) throws CommandLineError {
        if (value == null) {
            return false;
        }
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw invalidArgument(flag, value,
                    "strconv.ParseBool: parsing \"" + value + "\": invalid syntax");
        };
    }

    private static CommandLineError invalidArgument(CertFlag flag, String value, String why) {
        return new CommandLineError(
                "invalid argument \"" + value + "\" for \"--" + flag.flagName() + "\" flag: " + why);
    }
}
