package org.cockroachdb.mesos.testkit.cockroach.node;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.cockroachdb.mesos.testkit.cockroach.cli.CommandFailure;
import org.cockroachdb.mesos.testkit.cockroach.cli.Flags;

/**
 * {@code cockroach start} / {@code start-single-node} flags for one release family, validated as the
 * real binary validates them. Deprecated pre-v2.1 address flags ({@code --host}, {@code --port},
 * {@code --http-port}, {@code --advertise-host}) stay accepted, as they are in real releases.
 */
public record StartFlags(
        List<Path> stores,
        List<String> join,
        Address listen,
        Address advertise,
        Address http,
        Optional<Address> sql,
        Optional<Address> advertiseSql,
        boolean insecure,
        Optional<Path> certsDir,
        String cache,
        String maxSqlMemory,
        String locality,
        Optional<Path> pidFile,
        Optional<Path> listeningUrlFile,
        Optional<String> logToStderr,
        boolean singleNode,
        List<String> warnings) {

    public static final int DEFAULT_PORT = 26257;
    public static final int DEFAULT_HTTP_PORT = 8080;

    private static final Set<String> COMMON_VALUED = Set.of("store", "join", "certs-dir", "cache", "max-sql-memory",
            "locality", "attrs", "max-offset", "max-disk-temp-storage", "temp-dir", "external-io-dir", "pid-file",
            "listening-url-file", "log-dir", "log-dir-max-size", "log-file-verbosity", "log-file-max-size",
            "http-addr", "listen-addr", "advertise-addr", "cluster-name", "locality-advertise-addr",
            "host", "port", "http-host", "http-port", "advertise-host", "advertise-port");
    private static final Set<String> V20_VALUED = Set.of("sql-addr", "advertise-sql-addr", "socket-dir",
            "cert-principal-map");
    private static final Set<String> V21_VALUED = Set.of("log", "log-config-file", "advertise-http-addr",
            "locality-file", "log-group-max-size");
    private static final Set<String> BOOLEANS = Set.of("insecure", "background", "accept-sql-without-tls",
            "disable-cluster-name-verification");

    public static Flags.Spec spec(Release release) {
        Set<String> valued = new HashSet<>(COMMON_VALUED);
        if (release.atLeast(20, 1)) {
            valued.addAll(V20_VALUED);
        }
        if (release.atLeast(21, 1)) {
            valued.addAll(V21_VALUED);
        }
        return new Flags.Spec(valued, BOOLEANS, Map.of('s', "store", 'j', "join", 'p', "port"),
                Map.of("logtostderr", "INFO"));
    }

    /** Parses and validates; failures carry the real error text. */
    public static StartFlags parse(Release release, List<String> args, boolean singleNode) throws CommandFailure {
        Flags f = Flags.parse(args, spec(release));
        List<String> warnings = new ArrayList<>();
        if (!f.positional().isEmpty()) {
            throw new CommandFailure("unknown command \"" + f.positional().get(0) + "\" for \"cockroach start\"");
        }
        List<String> join = new ArrayList<>();
        for (String j : f.all("join")) {
            for (String part : j.split(",")) {
                if (!part.isBlank()) {
                    join.add(part.trim());
                }
            }
        }
        if (singleNode && !join.isEmpty()) {
            throw new CommandFailure("--join cannot be used with start-single-node");
        }
        if (!singleNode && join.isEmpty() && release.joinRequired()) {
            throw new CommandFailure("ERROR: no --join flags provided to 'cockroach start'\n"
                    + "HINT: Consider using 'cockroach init' or 'cockroach start-single-node' instead", 1);
        }
        for (String old : List.of("host", "port", "http-host", "http-port", "advertise-host", "advertise-port")) {
            if (f.has(old) && release.atLeast(2, 1)) {
                warnings.add("Flag --" + old + " has been deprecated, use --" + replacement(old) + " instead.");
            }
        }
        Address listen = Address.parse("listen-addr", f.value("listen-addr").orElse(""), DEFAULT_PORT);
        if (f.has("host")) {
            listen = listen.withHost(f.value("host").get());
        }
        if (f.has("port")) {
            listen = listen.withPort(port("port", f.value("port").get()));
        }
        Address advertise = f.has("advertise-addr")
                ? Address.parse("advertise-addr", f.value("advertise-addr").get(), listen.port())
                : listen;
        if (f.has("advertise-host")) {
            advertise = advertise.withHost(f.value("advertise-host").get());
        }
        if (f.has("advertise-port")) {
            advertise = advertise.withPort(port("advertise-port", f.value("advertise-port").get()));
        }
        Address http = Address.parse("http-addr", f.value("http-addr").orElse(""), DEFAULT_HTTP_PORT);
        if (f.has("http-host")) {
            http = http.withHost(f.value("http-host").get());
        }
        if (f.has("http-port")) {
            http = http.withPort(port("http-port", f.value("http-port").get()));
        }
        Optional<Address> sql = f.value("sql-addr").isPresent()
                ? Optional.of(Address.parse("sql-addr", f.value("sql-addr").get(), DEFAULT_PORT)) : Optional.empty();
        Optional<Address> advertiseSql = f.value("advertise-sql-addr").isPresent()
                ? Optional.of(Address.parse("advertise-sql-addr", f.value("advertise-sql-addr").get(),
                        sql.map(Address::port).orElse(listen.port())))
                : Optional.empty();
        boolean insecure = f.flag("insecure");
        Optional<Path> certsDir = f.value("certs-dir").map(Path::of);
        if (!insecure && certsDir.isEmpty()) {
            throw new CommandFailure("ERROR: cannot load certificates.\n"
                    + "Check your certificate settings, set --certs-dir, or use --insecure for insecure clusters.\n\n"
                    + "problem with CA certificate: not found");
        }
        if (f.flag("background")) {
            warnings.add("--background is not supported under a supervisor; running in the foreground");
        }
        String cache = memory("cache", f.value("cache").orElse("128MiB"));
        String sqlMemory = memory("max-sql-memory", f.value("max-sql-memory").orElse("128MiB"));
        List<Path> stores = new ArrayList<>();
        for (String s : f.all("store")) {
            stores.add(storePath(s));
        }
        if (stores.isEmpty()) {
            stores.add(Path.of("cockroach-data"));
        }
        return new StartFlags(stores, join, listen, advertise, http, sql, advertiseSql, insecure, certsDir, cache, sqlMemory,
                f.value("locality").orElse(""), f.value("pid-file").map(Path::of),
                f.value("listening-url-file").map(Path::of), f.value("logtostderr"), singleNode, warnings);
    }

    private static String replacement(String old) {
        return switch (old) {
            case "host", "port" -> "listen-addr";
            case "http-host", "http-port" -> "http-addr";
            default -> "advertise-addr";
        };
    }

    private static int port(String flag, String v) throws CommandFailure {
        return Address.parse(flag, ":" + v, 0).port();
    }

    /** {@code --store=path=/x,size=...}, {@code --store=/x}; an in-memory store is not supported. */
    static Path storePath(String value) throws CommandFailure {
        String path = null;
        for (String part : value.split(",")) {
            if (part.startsWith("path=")) {
                path = part.substring(5);
            } else if (part.startsWith("type=mem")) {
                throw new CommandFailure("invalid argument \"" + value + "\" for \"--store\" flag: "
                        + "the stand-in does not emulate in-memory stores");
            } else if (!part.contains("=") && path == null) {
                path = part;
            }
        }
        if (path == null || path.isBlank()) {
            throw new CommandFailure("invalid argument \"" + value + "\" for \"--store\" flag: no path specified");
        }
        return Path.of(path);
    }

    /** A fraction ({@code .25}), a percentage ({@code 25%}) or a size ({@code 128MiB}, {@code 2GB}, {@code 1000000}). */
    static String memory(String flag, String value) throws CommandFailure {
        if (value.matches("0?\\.\\d+") || value.matches("\\d{1,2}(\\.\\d+)?%|100%")
                || value.matches("\\d+(\\.\\d+)?\\s*([KMGT]i?B|[KMGT]|B)?")) {
            return value;
        }
        throw new CommandFailure("invalid argument \"" + value + "\" for \"--" + flag + "\" flag: invalid memory size");
    }

    public Path firstStore() {
        return stores.get(0);
    }

    /** Where clients reach SQL: the separate SQL address if given, else the RPC port. */
    public Address sqlAdvertise() {
        return advertiseSql.orElse(sql.map(s -> advertise.withPort(s.port())).orElse(advertise));
    }
}
