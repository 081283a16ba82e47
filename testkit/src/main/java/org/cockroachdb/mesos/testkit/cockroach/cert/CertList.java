package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code cockroach cert list}: {@code Certificate directory: <dir>} as given on the command line, then
 * one row per CA, node, UI and client certificate with columns Usage, Certificate File, Key File,
 * Expires ({@code 2033/11/02}), Notes, Error.
 */
final class CertList {
    static final List<String> HEADERS = List.of("Usage", "Certificate File", "Key File", "Expires", "Notes", "Error");
    private static final DateTimeFormatter EXPIRES = DateTimeFormatter.ofPattern("uuuu/MM/dd").withZone(ZoneOffset.UTC);
    private static final int GENERAL_NAME_DNS = 2;
    private static final int GENERAL_NAME_IP = 7;

    private final Function<String, String> env;
    private final KeyPermissions permissions;
    private final TableDisplay display;

    CertList(Function<String, String> env, KeyPermissions permissions, TableDisplay display) {
        this.env = env;
        this.permissions = permissions;
        this.display = display;
    }

    void print(CertFlags flags, PrintStream out) throws CertFailure {
        List<CertInfo> certificates;
        try {
            certificates = new CertificateDirectory(
                    Path.of(EnvExpansion.expand(flags.certsDir(), env)), permissions).load();
        } catch (CertFailure e) {
            throw e.wrap("cannot load certificates");
        }
        out.println("Certificate directory: " + flags.certsDir());
        List<List<String>> rows = new ArrayList<>();
        for (PemUsage ca : List.of(PemUsage.CA, PemUsage.CLIENT_CA, PemUsage.UI_CA)) {
            latest(certificates, ca).ifPresent(c -> rows.add(row(c, c.usable() && !c.certificates().isEmpty()
                    ? "num certs: " + c.certificates().size() : "")));
        }
        for (PemUsage server : List.of(PemUsage.NODE, PemUsage.UI)) {
            latest(certificates, server).ifPresent(c -> rows.add(row(c, "addresses: " + addresses(c))));
        }
        certificates.stream()
                .filter(c -> c.usage() == PemUsage.CLIENT)
                .sorted(Comparator.comparing(CertInfo::name))
                .forEach(c -> rows.add(row(c, "user: "
                        + (c.usable() ? CommonName.of(c.certificates().get(0)) : "<unknown>"))));
        if (!rows.isEmpty()) {
            display.render(HEADERS, rows, out);
        }
    }

    private static Optional<CertInfo> latest(List<CertInfo> certificates, PemUsage usage) {
        return certificates.stream().filter(c -> c.usage() == usage).reduce((first, second) -> second);
    }

    private static List<String> row(CertInfo c, String notes) {
        return List.of(c.usage().label(), c.fileName(), c.keyFileName(), EXPIRES.format(c.expires()), notes,
                c.error().orElse(""));
    }

    /** DNS names first, then IP addresses, as cockroach joins them. */
    private static String addresses(CertInfo c) {
        if (!c.usable() || c.certificates().isEmpty()) {
            return "<unknown>";
        }
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            X509Certificate cert = c.certificates().get(0);
            if (cert.getSubjectAlternativeNames() != null) {
                for (List<?> name : cert.getSubjectAlternativeNames()) {
                    int type = (Integer) name.get(0);
                    if (type == GENERAL_NAME_DNS) {
                        dns.add((String) name.get(1));
                    } else if (type == GENERAL_NAME_IP) {
                        ips.add(goIpString((String) name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return "<unknown>";
        }
        dns.addAll(ips);
        return String.join(",", dns);
    }

    /** The JDK spells IPv6 in full ({@code 0:0:0:0:0:0:0:1}); Go compresses the longest zero run ({@code ::1}). */
    static String goIpString(String jdkText) {
        if (!jdkText.contains(":")) {
            return jdkText;
        }
        String[] groups = jdkText.split(":");
        int bestStart = -1;
        int bestLength = 1; // a single zero group is not compressed
        for (int i = 0; i < groups.length; i++) {
            int j = i;
            while (j < groups.length && Integer.parseInt(groups[j], 16) == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = Math.max(i, j);
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < groups.length; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(Integer.parseInt(groups[i], 16)));
        }
        return text.toString();
    }
}
