package org.cockroachdb.mesos.testkit.emulator.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The directory an archive is unpacked into. Every entry name (and every link target) must stay
 * inside it: an archive is untrusted input, and {@code ../} or an absolute name would otherwise let
 * it write anywhere the agent can.
 *
 * <p>Symbolic links are created only in {@link #finish}, after every other entry (as GNU tar does):
 * otherwise a link entry followed by {@code link/file} would write through the link, and chains of
 * links can point outside even when each target looks harmless on its own.
 */
final class ExtractionTarget {
    private static final int DEFAULT_DIRECTORY_MODE = 0755;

    private final Path root;
    private final Map<Path, String> pendingSymlinks = new LinkedHashMap<>();

    ExtractionTarget(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    void directory(String name, int mode) throws IOException {
        Path dir = inside(name);
        pendingSymlinks.remove(dir);
        Files.createDirectories(dir);
        if (!dir.equals(root)) {
            // Owner rwx is kept so that the entries that follow can be written into it.
            Files.setPosixFilePermissions(dir, permissions(mode | 0700));
        }
    }

    void file(String name, InputStream content, int mode) throws IOException {
        Path file = inside(name);
        pendingSymlinks.remove(file);
        createParents(file);
        replaceable(file);
        Files.copy(content, file);
        Files.setPosixFilePermissions(file, permissions(mode));
    }

    void symlink(String name, String linkTarget) throws IOException {
        Path link = inside(name);
        if (Path.of(linkTarget).isAbsolute()
                || !link.getParent().resolve(linkTarget).normalize().startsWith(root)) {
            throw new IOException("archive entry '" + name + "' links to '" + linkTarget + "' outside the sandbox");
        }
        pendingSymlinks.put(link, linkTarget);
    }

    /** A tar hard link names an earlier entry; a copy has the same content and needs no shared inode. */
    void hardLink(String name, String existingName) throws IOException {
        Path existing = inside(existingName);
        Path link = inside(name);
        pendingSymlinks.remove(link);
        createParents(link);
        replaceable(link);
        Files.copy(existing, link, StandardCopyOption.COPY_ATTRIBUTES);
    }

    /**
     * Creates the symbolic links, refusing any whose own path would pass through a link this archive
     * made. Links that were already in the sandbox (a volume, say) are the agent's and trusted.
     */
    void finish() throws IOException {
        Set<Path> created = new HashSet<>();
        for (Map.Entry<Path, String> pending : pendingSymlinks.entrySet()) {
            Path link = pending.getKey();
            for (Path ancestor = link.getParent(); !ancestor.equals(root); ancestor = ancestor.getParent()) {
                if (created.contains(ancestor)) {
                    throw new IOException("archive entry '" + root.relativize(link) + "' lies behind the link '"
                            + root.relativize(ancestor) + "'");
                }
            }
            createParents(link);
            replaceable(link);
            Files.createSymbolicLink(link, Path.of(pending.getValue()));
            created.add(link);
        }
        pendingSymlinks.clear();
    }

    private Path inside(String name) throws IOException {
        Path resolved = root.resolve(name).normalize();
        if (Path.of(name).isAbsolute() || !resolved.startsWith(root)) {
            throw new IOException("archive entry '" + name + "' would land outside the sandbox");
        }
        return resolved;
    }

    private void createParents(Path path) throws IOException {
        Path parent = path.getParent();
        if (!Files.isDirectory(parent)) {
            Files.createDirectories(parent);
            Files.setPosixFilePermissions(parent, permissions(DEFAULT_DIRECTORY_MODE));
        }
    }

    /** Like tar: an existing file or link is replaced (never written through), a directory is not. */
    private static void replaceable(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("archive entry '" + path.getFileName() + "' would replace a directory");
        }
        Files.deleteIfExists(path);
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] inBitOrder = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ,
        };
        for (int bit = 0; bit < inBitOrder.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                set.add(inBitOrder[bit]);
            }
        }
        return set;
    }
}
