package org.cockroachdb.mesos.executor.job.backup;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cockroachdb.mesos.testkit.s3.S3ProxyExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.s3.S3Client;

/** The streaming upload against a real S3 server: parts, one PUT for short streams, and nothing left on abort. */
class S3UploadStreamTest {
    static final String BUCKET = "uploads";
    static final int PART = 5 << 20; // S3's smallest part but the last

    @RegisterExtension
    static final S3ProxyExtension S3 = new S3ProxyExtension();
    static S3Client client;

    @BeforeAll
    static void bucket() {
        S3.createBucket(BUCKET);
        client = S3.client();
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void aStreamOfSeveralPartsBecomesOneObject() throws Exception {
        byte[] data = random(2 * PART + 12345);
        List<Long> progress = new CopyOnWriteArrayList<>();
        S3UploadStream.Uploaded uploaded;
        try (S3UploadStream out = new S3UploadStream(client, BUCKET, "big.sql", PART, progress::add)) {
            for (int off = 0; off < data.length; off += 100_000) {
                out.write(data, off, Math.min(100_000, data.length - off));
            }
            uploaded = out.complete();
        }

        byte[] stored = client.getObjectAsBytes(r -> r.bucket(BUCKET).key("big.sql")).asByteArray();
        assertThat(stored).isEqualTo(data);
        assertThat(uploaded).isEqualTo(new S3UploadStream.Uploaded(data.length, sha256(data)));
        assertThat(progress).containsExactly((long) PART, 2L * PART, (long) data.length);
    }

    @Test
    void aShortStreamIsOnePut() throws Exception {
        byte[] data = random(1000);
        try (S3UploadStream out = new S3UploadStream(client, BUCKET, "small.sql", PART, n -> {})) {
            out.write(data);
            assertThat(out.complete().sha256()).isEqualTo(sha256(data));
        }
        assertThat(client.getObjectAsBytes(r -> r.bucket(BUCKET).key("small.sql")).asByteArray()).isEqualTo(data);
    }

    @Test
    void closingWithoutCompletingLeavesNothing() throws Exception {
        try (S3UploadStream out = new S3UploadStream(client, BUCKET, "aborted.sql", PART, n -> {})) {
            out.write(random(PART + 10)); // one part uploaded, the rest buffered
        }

        assertThat(client.listObjectsV2(r -> r.bucket(BUCKET).prefix("aborted")).contents()).isEmpty();
        assertThat(client.listMultipartUploads(r -> r.bucket(BUCKET)).uploads())
                .noneMatch(u -> u.key().equals("aborted.sql"));
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
