package org.cockroachdb.mesos.testkit.emulator.fetch;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks one fetched archive into the sandbox the way the Mesos fetcher does ({@code tar -C},
 * {@code unzip -o -d}, {@code gzip -dc}), keeping each entry's permission bits so that executables
 * stay executable.
 */
final class ArchiveExtractor {
    private static final int DEFAULT_FILE_MODE = 0644;
    private static final int DEFAULT_DIRECTORY_MODE = 0755;

    private ArchiveExtractor() {}

    static void extract(Path archive, ArchiveFormat format, Path destination) throws IOException {
        ExtractionTarget target = new ExtractionTarget(destination);
        if (format.isTar()) {
            untar(archive, format, target);
        } else if (format == ArchiveFormat.ZIP) {
            unzip(archive, target);
        } else {
            gunzip(archive, format, target);
        }
        target.finish();
    }

    private static void untar(Path archive, ArchiveFormat format, ExtractionTarget target) throws IOException {
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
             InputStream decompressed = decompressed(file, format);
             TarArchiveInputStream tar = new TarArchiveInputStream(decompressed)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String name = entry.getName();
                int mode = entry.getMode() & 07777;
                if (entry.isDirectory()) {
                    target.directory(name, mode);
                } else if (entry.isSymbolicLink()) {
                    target.symlink(name, entry.getLinkName());
                } else if (entry.isLink()) {
                    target.hardLink(name, entry.getLinkName());
                } else if (entry.isFile()) {
                    target.file(name, tar, mode);
                } else {
                    // Devices and FIFOs: tar run by an unprivileged agent cannot create them either.
                    throw new IOException("archive entry '" + name + "' is neither a file, a directory nor a link");
                }
            }
        }
    }

    private static InputStream decompressed(InputStream in, ArchiveFormat format) throws IOException {
        // "Concatenated" = keep reading after the first stream member, as gzip/bzip2/xz tools do.
        return switch (format) {
            case TAR -> in;
            case TAR_GZ -> GzipCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            case TAR_BZ2 -> new BZip2CompressorInputStream(in, true);
            case TAR_XZ -> XZCompressorInputStream.builder().setInputStream(in).setDecompressConcatenated(true).get();
            default -> throw new IllegalArgumentException(format + " is not a tar format");
        };
    }

    private static void unzip(Path archive, ExtractionTarget target) throws IOException {
        try (ZipFile zip = ZipFile.builder().setPath(archive).get()) {
            Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
            while (entries.hasMoreElements()) {
                ZipArchiveEntry entry = entries.nextElement();
                String name = entry.getName();
                if (entry.isDirectory()) {
                    target.directory(name, unixMode(entry, DEFAULT_DIRECTORY_MODE));
                } else if (entry.isUnixSymlink()) {
                    target.symlink(name, zip.getUnixSymlink(entry));
                } else {
                    try (InputStream content = zip.getInputStream(entry)) {
                        target.file(name, content, unixMode(entry, DEFAULT_FILE_MODE));
                    }
                }
            }
        }
    }

    /** Zips written on Unix carry the mode in the external attributes; others get unzip's defaults. */
    private static int unixMode(ZipArchiveEntry entry, int fallback) {
        int mode = entry.getUnixMode() & 07777;
        return entry.getPlatform() == ZipArchiveEntry.PLATFORM_UNIX && mode != 0 ? mode : fallback;
    }

    /** Like {@code gzip -dc x.gz > dir/x}: the file lands in the destination without its suffix. */
    private static void gunzip(Path archive, ArchiveFormat format, ExtractionTarget target) throws IOException {
        String name = format.stripSuffix(archive.getFileName().toString());
        try (InputStream file = new BufferedInputStream(Files.newInputStream(archive));
             InputStream in = GzipCompressorInputStream.builder().setInputStream(file).setDecompressConcatenated(true).get()) {
            target.file(name, in, DEFAULT_FILE_MODE);
        }
    }
}
