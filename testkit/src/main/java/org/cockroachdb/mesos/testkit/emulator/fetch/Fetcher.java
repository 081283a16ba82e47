package org.cockroachdb.mesos.testkit.emulator.fetch;

import java.io.IOException;
import java.net.URI;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.CommandInfo;

/**
 * The emulated agent's Mesos fetcher: puts each {@code CommandInfo.URI} into the sandbox before the
 * executor or task starts. Per URI, as in Mesos:
 * <ul>
 *   <li>the source is an absolute path, {@code file://…} or {@code http(s)://…} (redirects followed);</li>
 *   <li>the file is named {@code output_file} (which may hold sub-directories) or else the last
 *       path segment of the URI;</li>
 *   <li>{@code executable} makes it executable and is never extracted; otherwise {@code extract}
 *       (true unless set false) unpacks tar, tar.gz/tgz, tar.bz2, tar.xz, zip and gz into the sandbox,
 *       leaving the archive itself in place.</li>
 * </ul>
 * Unlike Mesos there is no download cache.
 */
public final class Fetcher {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

    private final Downloader downloader;

    public Fetcher() {
        this(DEFAULT_TIMEOUT);
    }

    /** {@code timeout} bounds connecting to and each HTTP download from a server. */
    public Fetcher(Duration timeout) {
        this.downloader = new Downloader(timeout);
    }

    /** Fetches the URIs in order; the first failure stops the fetch, as it fails the launch in Mesos. */
    public void fetch(List<CommandInfo.URI> uris, Path sandbox) throws FetchException {
        for (CommandInfo.URI uri : uris) {
            fetch(uri, sandbox);
        }
    }

    /** Fetches one URI and returns where the fetched file (not its extracted content) landed. */
    public Path fetch(CommandInfo.URI uri, Path sandbox) throws FetchException {
        String value = uri.getValue();
        Path root = sandbox.toAbsolutePath().normalize();
        Path destination = destination(uri, root);
        try {
            Files.createDirectories(destination.getParent());
            downloader.download(value, destination);
            if (uri.getExecutable()) {
                makeExecutable(destination);
            } else if (uri.getExtract()) { // the proto default is true
                var format = ArchiveFormat.of(destination.getFileName().toString());
                if (format.isPresent()) {
                    ArchiveExtractor.extract(destination, format.get(), root);
                }
            }
            return destination;
        } catch (NoSuchFileException e) {
            throw new FetchException(value, "no such file '" + e.getFile() + "'", e);
        } catch (AccessDeniedException e) {
            throw new FetchException(value, "permission denied on '" + e.getFile() + "'", e);
        } catch (IOException | RuntimeException e) {
            throw new FetchException(value, e.getMessage() != null ? e.getMessage() : e.toString(), e);
        }
    }

    private static Path destination(CommandInfo.URI uri, Path root) throws FetchException {
        String name;
        try {
            name = uri.hasOutputFile() ? uri.getOutputFile() : lastSegment(uri.getValue());
        } catch (IllegalArgumentException e) {
            throw new FetchException(uri.getValue(), "not a URI: " + e.getMessage(), e);
        }
        if (name.isEmpty()) {
            throw new FetchException(uri.getValue(), "no file name in the URI; set output_file");
        }
        Path destination = root.resolve(name).normalize();
        if (Path.of(name).isAbsolute() || !destination.startsWith(root) || destination.equals(root)) {
            throw new FetchException(uri.getValue(), "output file '" + name + "' would land outside the sandbox");
        }
        return destination;
    }

    /** The last path segment; for HTTP without the query or fragment, which are not part of the path. */
    private static String lastSegment(String value) {
        String path = value;
        if (value.startsWith("http://") || value.startsWith("https://")) {
            path = URI.create(value).getRawPath();
        }
        String segment = path.substring(path.lastIndexOf('/') + 1);
        return segment.equals(".") || segment.equals("..") ? "" : segment;
    }

    private static void makeExecutable(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        permissions.add(PosixFilePermission.OWNER_EXECUTE);
        permissions.add(PosixFilePermission.GROUP_EXECUTE);
        permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        Files.setPosixFilePermissions(file, permissions);
    }
}
