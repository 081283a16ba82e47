package org.cockroachdb.mesos.cli.http;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * How to check the scheduler's certificate on an https URL, as the DC/OS CLI tells its plugins:
 * {@code DCOS_TLS_INSECURE} (set from {@code core.ssl_verify=false}), {@code DCOS_TLS_CA_PATH},
 * and the user-level override {@code DCOS_SSL_VERIFY} (true, false, or a CA file).
 */
public sealed interface Tls {

    /** The JDK's trusted roots and hostname verification. */
    record Verify() implements Tls {
    }

    /** No certificate or hostname check at all. */
    record Insecure() implements Tls {
    }

    /** Trust the CA certificates of this PEM file (hostname still verified). */
    record TrustCa(Path pemFile) implements Tls {
    }

    /** DCOS_TLS_INSECURE first (the CLI's own decision), then DCOS_TLS_CA_PATH, then DCOS_SSL_VERIFY. */
    static Tls fromEnvironment(Map<String, String> env) {
        if (isTrue(env.get("DCOS_TLS_INSECURE"))) {
            return new Insecure();
        }
        String caPath = env.get("DCOS_TLS_CA_PATH");
        if (caPath != null && !caPath.isBlank()) {
            return new TrustCa(Path.of(caPath));
        }
        String verify = env.get("DCOS_SSL_VERIFY");
        if (verify == null || verify.isBlank() || isTrue(verify)) {
            return new Verify();
        }
        if (isFalse(verify)) {
            return new Insecure();
        }
        return new TrustCa(Path.of(verify));
    }

    private static boolean isTrue(String value) {
        return value != null && switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "yes" -> true;
            default -> false;
        };
    }

    private static boolean isFalse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "0", "false", "no" -> true;
            default -> false;
        };
    }
}
