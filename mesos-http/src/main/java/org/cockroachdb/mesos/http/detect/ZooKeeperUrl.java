package org.cockroachdb.mesos.http.detect;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A Mesos ZooKeeper URL, {@code zk://[user:password@]host:port[,host:port...]/path}.
 *
 * @param connectString the {@code host:port,...} list in ZooKeeper's own format
 * @param path          the znode the masters register under, e.g. {@code /mesos}
 * @param credentials   {@code user:password} for ZooKeeper digest authentication, if given
 */
public record ZooKeeperUrl(String connectString, String path, Optional<String> credentials) {
    public static final String FORM = "zk://[user:password@]host:port[,host:port...]/path";
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9._-]+(:\\d{1,5})?|\\[[0-9A-Fa-f:.]+](:\\d{1,5})?");
    private static final Pattern PATH = Pattern.compile("(/[^/\\s]+)+");

    public static boolean looksLikeOne(String value) {
        return value.strip().regionMatches(true, 0, "zk://", 0, 5);
    }

    /** @throws IllegalArgumentException naming the (password-masked) value and the accepted form */
    public static ZooKeeperUrl parse(String value) {
        String url = value.strip();
        if (!looksLikeOne(url)) {
            throw invalid(value, "it does not start with zk://");
        }
        String rest = url.substring(5);
        int slash = rest.indexOf('/');
        String authority = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash);
        while (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (path.isEmpty() || path.equals("/")) {
            throw invalid(value, "it has no znode path such as /mesos");
        }
        if (!PATH.matcher(path).matches()) {
            throw invalid(value, "its path '" + path + "' is not a znode path");
        }
        Optional<String> credentials = Optional.empty();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            String userInfo = authority.substring(0, at);
            if (userInfo.indexOf(':') <= 0) {
                throw invalid(value, "its credentials are not user:password");
            }
            credentials = Optional.of(userInfo);
            authority = authority.substring(at + 1);
        }
        if (authority.isEmpty()) {
            throw invalid(value, "it names no ZooKeeper host");
        }
        for (String server : authority.split(",", -1)) {
            if (!HOST_PORT.matcher(server).matches()) {
                throw invalid(value, "'" + server + "' is not host:port");
            }
        }
        return new ZooKeeperUrl(authority, path, credentials);
    }

    @Override
    public String toString() {
        return "zk://" + credentials.map(c -> c.substring(0, c.indexOf(':')) + ":***@").orElse("")
                + connectString + path;
    }

    private static IllegalArgumentException invalid(String value, String why) {
        return new IllegalArgumentException("'" + maskPassword(value.strip()) + "' is not a valid ZooKeeper URL ("
                + why + "); expected " + FORM);
    }

    /** Error messages and logs must not leak the ZooKeeper password. */
    static String maskPassword(String url) {
        return url.replaceFirst("^(?i)(zk://[^:@/]*:)[^@/]*@", "$1***@");
    }
}
