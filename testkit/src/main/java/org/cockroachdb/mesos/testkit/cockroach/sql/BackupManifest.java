package org.cockroachdb.mesos.testkit.cockroach.sql;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;

/**
 * What a stand-in backup holds, stored next to its dump as {@code BACKUP_MANIFEST} (JSON; CockroachDB's
 * own manifest is a protobuf no client reads). Written last, so a backup without one is incomplete.
 */
record BackupManifest(String format, String database, List<String> tables, long rows, long indexEntries, long bytes,
                      String endTime, String release, long jobId) {
    static final String FORMAT = "cockroach-standin-backup/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static BackupManifest fromJson(byte[] json) throws IOException {
        BackupManifest m = JSON.readValue(json, BackupManifest.class);
        if (!FORMAT.equals(m.format())) {
            throw new IOException("not a stand-in backup manifest (format " + m.format() + ")");
        }
        return m;
    }
}
