package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The layout of a CockroachDB backup collection (v21.1+ {@code BACKUP INTO}): one subdirectory per
 * backup named by its time, {@code 2021/03/23-213101.37} (UTC, hundredths of a second), and a
 * {@code LATEST} object holding the newest one's name. A v20.2 {@code BACKUP TO} location is one
 * backup without the subdirectory.
 */
final class BackupCollection {
    static final String LATEST = "LATEST";
    static final String MANIFEST = "BACKUP_MANIFEST";
    static final String DATA = "data.sql";

    private static final DateTimeFormatter SUBDIR = DateTimeFormatter.ofPattern("yyyy/MM/dd-HHmmss").withZone(ZoneOffset.UTC);
    private static final Pattern SUBDIR_NAME = Pattern.compile("\\d{4}/\\d{2}/\\d{2}-\\d{6}\\.\\d{2}");

    private BackupCollection() {}

    static String subdirectory(Instant time) {
        return SUBDIR.format(time) + String.format(".%02d", time.getNano() / 10_000_000);
    }

    /** "/2021/03/23-213101.37/" and "2021/03/23-213101.37" both name the same subdirectory. */
    static String normalize(String subdirectory) {
        String s = subdirectory.strip();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    static boolean isSubdirectory(String name) {
        return SUBDIR_NAME.matcher(name).matches();
    }

    /** The completed backups among a location's keys: subdirectories holding a manifest, oldest first. */
    static List<String> backups(List<String> keys) {
        return keys.stream()
                .filter(k -> k.endsWith("/" + MANIFEST))
                .map(k -> k.substring(0, k.length() - MANIFEST.length() - 1))
                .filter(BackupCollection::isSubdirectory)
                .sorted()
                .toList();
    }

    /** A key inside a backup: directly under the location for {@code subdirectory} "" (BACKUP TO). */
    static String key(String subdirectory, String name) {
        return subdirectory.isEmpty() ? name : subdirectory + "/" + name;
    }
}
