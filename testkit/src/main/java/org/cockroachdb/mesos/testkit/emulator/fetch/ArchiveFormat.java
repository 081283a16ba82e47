package org.cockroachdb.mesos.testkit.emulator.fetch;

import java.util.List;
import java.util.Optional;

/**
 * The archive kinds the Mesos fetcher unpacks, recognised (case-sensitively, as Mesos does) by the
 * fetched file's name.
 */
enum ArchiveFormat {
    TAR(".tar"),
    TAR_GZ(".tar.gz", ".tgz"),
    TAR_BZ2(".tar.bz2", ".tbz2"),
    TAR_XZ(".tar.xz", ".txz"),
    ZIP(".zip"),
    /** A single gzipped file, unpacked next to the archive without its {@code .gz}. */
    GZIP(".gz");

    private final List<String> suffixes;

    ArchiveFormat(String... suffixes) {
        this.suffixes = List.of(suffixes);
    }

    /** Tar formats are listed before GZIP, so {@code x.tar.gz} is a tarball, not a gzipped tar file. */
    static Optional<ArchiveFormat> of(String fileName) {
        for (ArchiveFormat format : values()) {
            for (String suffix : format.suffixes) {
                if (fileName.endsWith(suffix) && fileName.length() > suffix.length()) {
                    return Optional.of(format);
                }
            }
        }
        return Optional.empty();
    }

    boolean isTar() {
        return this == TAR || this == TAR_GZ || this == TAR_BZ2 || this == TAR_XZ;
    }

    /** The file name minus the first matching suffix. */
    String stripSuffix(String fileName) {
        for (String suffix : suffixes) {
            if (fileName.endsWith(suffix)) {
                return fileName.substring(0, fileName.length() - suffix.length());
            }
        }
        return fileName;
    }
}
