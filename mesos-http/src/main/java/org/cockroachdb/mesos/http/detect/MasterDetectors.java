package org.cockroachdb.mesos.http.detect;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Picks a {@link MasterDetector} from the way operators write a Mesos master address. */
public final class MasterDetectors {
    public static final String ACCEPTED_FORMS = ZooKeeperUrl.FORM
            + ", http://host:port[,http://host:port...], or host:port[,host:port...]";
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+]):\\d{1,5}");

    private MasterDetectors() {}

    /**
     * {@code zk://…} gives a {@link ZooKeeperMasterDetector} (already connecting); a list of
     * {@code http(s)://host:port} or bare {@code host:port} entries gives a {@link StaticMasterDetector}.
     *
     * @throws IllegalArgumentException one line naming the value and the accepted forms
     */
    public static MasterDetector fromUrl(String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("the Mesos master address is empty; expected " + ACCEPTED_FORMS);
        }
        if (ZooKeeperUrl.looksLikeOne(value)) {
            return ZooKeeperMasterDetector.start(ZooKeeperUrl.parse(value));
        }
        return new StaticMasterDetector(staticMasters(value));
    }

    /** The base URIs of a static master list; exposed so the parsing can be checked without connecting. */
    public static List<URI> staticMasters(String value) {
        List<URI> masters = new ArrayList<>();
        for (String entry : value.strip().split(",", -1)) {
            masters.add(staticMaster(value, entry.strip()));
        }
        return masters;
    }

    private static URI staticMaster(String value, String entry) {
        String lower = entry.toLowerCase();
        String scheme = "http";
        String hostPort = entry;
        if (lower.startsWith("http://") || lower.startsWith("https://")) {
            scheme = lower.substring(0, lower.indexOf(':'));
            hostPort = entry.substring(scheme.length() + 3);
            if (hostPort.endsWith("/")) {
                hostPort = hostPort.substring(0, hostPort.length() - 1);
            }
        }
        if (!HOST_PORT.matcher(hostPort).matches()) {
            throw invalid(value, "'" + entry + "' is not host:port");
        }
        try {
            URI uri = new URI(scheme + "://" + hostPort);
            if (uri.getHost() == null || uri.getPort() < 1 || uri.getPort() > 65535) {
                throw invalid(value, "'" + entry + "' has no valid host and port");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw invalid(value, "'" + entry + "' is not a valid address");
        }
    }

    private static IllegalArgumentException invalid(String value, String why) {
        return new IllegalArgumentException("'" + value.strip() + "' is not a Mesos master address (" + why
                + "); expected " + ACCEPTED_FORMS);
    }
}
