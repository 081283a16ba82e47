package org.cockroachdb.mesos.executor.job.backup;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * An S3 object written as a stream of unknown length: a multipart upload of fixed-size parts, so
 * memory holds one part and nothing is staged on disk. The object appears only on {@link #complete()};
 * {@link #close()} before that aborts the upload, so a failed dump leaves no object and no parts.
 * A stream shorter than one part is one PUT (a multipart upload needs at least one part).
 */
public final class S3UploadStream extends OutputStream {
    private static final Logger LOG = LoggerFactory.getLogger(S3UploadStream.class);
    /** 8 MiB parts: 10,000 parts make 78 GiB; S3 wants at least 5 MiB per part but the last. */
    public static final int PART_SIZE = 8 << 20;

    /** What was stored. */
    public record Uploaded(long bytes, String sha256) {}

    private final S3Client s3;
    private final String bucket;
    private final String key;
    private final byte[] part;
    private final LongConsumer progress;
    private final CountingDigest digest = new CountingDigest();
    private final List<CompletedPart> parts = new ArrayList<>();
    private int filled;
    private long uploaded;
    private String uploadId;
    private boolean ended;

    /** @param progress told the bytes stored so far after each part (and after the one PUT) */
    public S3UploadStream(S3Client s3, String bucket, String key, int partSize, LongConsumer progress) {
        this.s3 = s3;
        this.bucket = bucket;
        this.key = key;
        this.part = new byte[partSize];
        this.progress = progress;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    /** @throws SdkException when S3 refuses a part */
    @Override
    public void write(byte[] b, int off, int len) {
        if (ended) {
            throw new IllegalStateException("the upload of " + key + " has ended");
        }
        digest.update(b, off, len);
        while (len > 0) {
            int n = Math.min(len, part.length - filled);
            System.arraycopy(b, off, part, filled, n);
            filled += n;
            off += n;
            len -= n;
            if (filled == part.length) {
                uploadPart();
            }
        }
    }

    /** Makes the object from everything written. */
    public Uploaded complete() {
        if (ended) {
            throw new IllegalStateException("the upload of " + key + " has ended");
        }
        if (uploadId == null) {
            s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/sql"),
                    RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled));
            uploaded = filled;
            progress.accept(uploaded);
        } else {
            if (filled > 0) {
                uploadPart();
            }
            s3.completeMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId)
                    .multipartUpload(u -> u.parts(parts)));
        }
        ended = true;
        return new Uploaded(digest.bytes(), digest.sha256());
    }

    /** Without {@link #complete()}: aborts, so S3 keeps no parts (best effort; a failure is logged). */
    @Override
    public void close() {
        if (ended) {
            return;
        }
        ended = true;
        if (uploadId == null) {
            return;
        }
        try {
            s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
            LOG.info("Aborted the upload of {} after {} parts", key, parts.size());
        } catch (SdkException e) {
            LOG.warn("Aborting the upload of {} failed; a bucket lifecycle rule removes its parts: {}", key,
                    e.getMessage());
        }
    }

    private void uploadPart() {
        if (uploadId == null) {
            uploadId = s3.createMultipartUpload(r -> r.bucket(bucket).key(key).contentType("application/sql")).uploadId();
        }
        int number = parts.size() + 1;
        String eTag = s3.uploadPart(r -> r.bucket(bucket).key(key).uploadId(uploadId).partNumber(number)
                        .contentLength((long) filled),
                RequestBody.fromInputStream(new ByteArrayInputStream(part, 0, filled), filled)).eTag();
        parts.add(CompletedPart.builder().partNumber(number).eTag(eTag).build());
        uploaded += filled;
        filled = 0;
        progress.accept(uploaded);
    }
}
