package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.util.Optional;

/** The flags of {@code cockroach cert}, their value types and the environment variables behind them. */
enum CertFlag {
    CERTS_DIR("certs-dir", Kind.STRING, "COCKROACH_CERTS_DIR",
            "Path to the directory containing SSL certificates and keys."),
    CA_KEY("ca-key", Kind.STRING, "COCKROACH_CA_KEY", "Path to the CA key."),
    KEY_SIZE("key-size", Kind.INT, null, "Key size in bits for CA/Node/Client certificates."),
    LIFETIME("lifetime", Kind.DURATION, null, "Certificate lifetime."),
    ALLOW_CA_KEY_REUSE("allow-ca-key-reuse", Kind.BOOL, null, "Use the CA key if it exists."),
    OVERWRITE("overwrite", Kind.BOOL, null, "Certificate and key files are overwritten if they exist."),
    ALSO_GENERATE_PKCS8_KEY("also-generate-pkcs8-key", Kind.BOOL, null,
            "Also write the key in pkcs8 format to <certs-dir>/client.<username>.key.pk8.");

    static final String DEFAULT_CERTS_DIR = "${HOME}/.cockroach-certs";
    static final int DEFAULT_KEY_SIZE = 2048;

    enum Kind { STRING, INT, DURATION, BOOL }

    private final String name;
    private final Kind kind;
    private final String environmentVariable;
    private final String help;

    CertFlag(String name, Kind kind, String environmentVariable, String help) {
        this.name = name;
        this.kind = kind;
        this.environmentVariable = environmentVariable;
        this.help = help;
    }

    static Optional<CertFlag> named(String name) {
        for (CertFlag flag : values()) {
            if (flag.name.equals(name)) {
                return Optional.of(flag);
            }
        }
        return Optional.empty();
    }

    String flagName() {
        return name;
    }

    Kind kind() {
        return kind;
    }

    Optional<String> environmentVariable() {
        return Optional.ofNullable(environmentVariable);
    }

    /** How pflag lists it: {@code --key-size int}, {@code --overwrite}. */
    String usageName() {
        return switch (kind) {
            case STRING -> "--" + name + " string";
            case INT -> "--" + name + " int";
            case DURATION -> "--" + name + " duration";
            case BOOL -> "--" + name;
        };
    }

    String help(CertSubcommand sub) {
        String env = environmentVariable == null ? "" : " Environment variable: " + environmentVariable;
        return switch (this) {
            case CERTS_DIR -> help + env + " (default \"" + DEFAULT_CERTS_DIR + "\")";
            case KEY_SIZE -> help + " (default " + DEFAULT_KEY_SIZE + ")";
            case LIFETIME -> help + " (default " + sub.defaultLifetime().toHours() + "h0m0s)";
            default -> help + env;
        };
    }
}
