package org.cockroachdb.mesos.testkit.cockroach.cert;

import static org.cockroachdb.mesos.testkit.cockroach.cert.CertFlag.ALLOW_CA_KEY_REUSE;
import static org.cockroachdb.mesos.testkit.cockroach.cert.CertFlag.ALSO_GENERATE_PKCS8_KEY;
import static org.cockroachdb.mesos.testkit.cockroach.cert.CertFlag.CA_KEY;
import static org.cockroachdb.mesos.testkit.cockroach.cert.CertFlag.CERTS_DIR;
import static org.cockroachdb.mesos.testkit.cockroach.cert.CertFlag.KEY_SIZE;
import static org.cockroachdb.mesos.testkit.cockroach.cert.CertFlag.LIFETIME;
import static org.cockroachdb.mesos.testkit.cockroach.cert.CertFlag.OVERWRITE;

import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The {@code cockroach cert} sub-commands the stand-in knows, with their real flags and usage lines. */
enum CertSubcommand {
    CREATE_CA("create-ca", "create-ca --certs-dir=<path to cockroach certs dir> --ca-key=<path-to-ca-key>",
            "create CA certificate and key", Lifetimes.CA,
            EnumSet.of(CERTS_DIR, CA_KEY, KEY_SIZE, LIFETIME, ALLOW_CA_KEY_REUSE, OVERWRITE)),
    CREATE_NODE("create-node",
            "create-node --certs-dir=<path to cockroach certs dir> --ca-key=<path-to-ca-key> "
                    + "<host 1> <host 2> ... <host N>",
            "create node certificate and key", Lifetimes.CERT,
            EnumSet.of(CERTS_DIR, CA_KEY, KEY_SIZE, LIFETIME, OVERWRITE)),
    CREATE_CLIENT("create-client",
            "create-client --certs-dir=<path to cockroach certs dir> --ca-key=<path-to-ca-key> <username>",
            "create client certificate and key", Lifetimes.CERT,
            EnumSet.of(CERTS_DIR, CA_KEY, KEY_SIZE, LIFETIME, OVERWRITE, ALSO_GENERATE_PKCS8_KEY)),
    LIST("list", "list", "list certs in --certs-dir", Duration.ZERO, EnumSet.of(CERTS_DIR));

    /** 366-day years, as cockroach uses, so leap years never leave a "10 year" CA just short. */
    static final class Lifetimes {
        static final Duration CA = Duration.ofDays(10 * 366);
        static final Duration CERT = Duration.ofDays(5 * 366);

        private Lifetimes() {}
    }

    private final String command;
    private final String use;
    private final String summary;
    private final Duration defaultLifetime;
    private final Set<CertFlag> flags;

    CertSubcommand(String command, String use, String summary, Duration defaultLifetime, Set<CertFlag> flags) {
        this.command = command;
        this.use = use;
        this.summary = summary;
        this.defaultLifetime = defaultLifetime;
        this.flags = flags;
    }

    static Optional<CertSubcommand> named(String name) {
        return Arrays.stream(values()).filter(s -> s.command.equals(name)).findFirst();
    }

    String command() {
        return command;
    }

    String summary() {
        return summary;
    }

    Duration defaultLifetime() {
        return defaultLifetime;
    }

    Set<CertFlag> flags() {
        return flags;
    }

    /** cobra's usage text: the use line, then the flags table. */
    String usage() {
        StringBuilder text = new StringBuilder("Usage:\n  cockroach cert ").append(use).append(" [flags]\n\nFlags:\n");
        int width = flags.stream().mapToInt(f -> f.usageName().length()).max().orElse(0);
        for (CertFlag flag : flags.stream().sorted(Comparator.comparing(CertFlag::flagName)).toList()) {
            text.append("      ").append(String.format("%-" + width + "s", flag.usageName()))
                    .append("   ").append(flag.help(this)).append('\n');
        }
        text.append("  -h, --help").append(" ".repeat(Math.max(1, width - 7))).append("help for ").append(command)
                .append('\n');
        return text.toString();
    }

    /** The usage of {@code cockroach cert} itself, printed for an unknown or missing sub-command. */
    static String parentUsage() {
        StringBuilder text = new StringBuilder("Usage:\n  cockroach cert [command]\n\nAvailable Commands:\n");
        for (CertSubcommand sub : values()) {
            text.append(String.format("  %-14s%s%n", sub.command, sub.summary));
        }
        return text.append("\nUse \"cockroach cert [command] --help\" for more information about a command.\n")
                .toString();
    }
}
