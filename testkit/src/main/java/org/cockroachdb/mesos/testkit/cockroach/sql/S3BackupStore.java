package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code s3://bucket/path?...}: AWS S3 or any S3-compatible store ({@code AWS_ENDPOINT}, path-style
 * addressing). Credentials come from the URI ({@code AUTH=specified}, the default) or from the
 * environment ({@code AUTH=implicit}). The sync client over the JDK's HTTP connection: a backup is one
 * object per database, uploaded from a file.
 */
final class S3BackupStore implements BackupStore {
    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final BackupUri uri;

    private S3BackupStore(S3Client s3, BackupUri uri) {
        this.s3 = s3;
        this.bucket = uri.host();
        this.prefix = uri.path().isEmpty() ? "" : uri.path() + "/";
        this.uri = uri;
    }

    static S3BackupStore open(BackupUri uri) throws SqlError {
        if (uri.host().isEmpty()) {
            throw new SqlError("22023", "s3 URI needs a bucket: " + uri.redacted());
        }
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(uri.parameter("AWS_REGION").orElse("us-east-1")))
                .credentialsProvider(credentials(uri));
        Optional<String> endpoint = uri.parameter("AWS_ENDPOINT");
        if (endpoint.isPresent()) {
            // S3-compatible stores are addressed by path, not by bucket host name.
            b.endpointOverride(URI.create(endpoint.get())).forcePathStyle(true);
        }
        if (uri.parameter("AWS_USE_PATH_STYLE").map(Boolean::parseBoolean).orElse(false)) {
            b.forcePathStyle(true);
        }
        if (uri.parameter("AWS_SKIP_CHECKSUM").map(Boolean::parseBoolean).orElse(false)) {
            // Older S3-compatible stores reject the SDK's default CRC32 checksums.
            b.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        try {
            return new S3BackupStore(b.build(), uri);
        } catch (SdkException | IllegalArgumentException e) {
            throw new SqlError("22023", "cannot use " + uri.redacted() + ": " + uri.scrub(e.getMessage()));
        }
    }

    private static AwsCredentialsProvider credentials(BackupUri uri) throws SqlError {
        if (uri.parameter("AUTH").map("implicit"::equalsIgnoreCase).orElse(false)) {
            return DefaultCredentialsProvider.builder().build();
        }
        Optional<String> id = uri.parameter("AWS_ACCESS_KEY_ID");
        Optional<String> secret = uri.parameter("AWS_SECRET_ACCESS_KEY");
        if (id.isEmpty() || secret.isEmpty()) {
            throw new SqlError("22023", "s3 URI " + uri.redacted() + " needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
                    + " (or AUTH=implicit)");
        }
        Optional<String> token = uri.parameter("AWS_SESSION_TOKEN");
        return StaticCredentialsProvider.create(token.isPresent()
                ? AwsSessionCredentials.create(id.get(), secret.get(), token.get())
                : AwsBasicCredentials.create(id.get(), secret.get()));
    }

    @Override
    public void put(String key, Path file) throws IOException {
        call("write", key, () -> s3.putObject(r -> r.bucket(bucket).key(prefix + key), RequestBody.fromFile(file)));
    }

    @Override
    public void put(String key, byte[] bytes) throws IOException {
        call("write", key, () -> s3.putObject(r -> r.bucket(bucket).key(prefix + key), RequestBody.fromBytes(bytes)));
    }

    @Override
    public Optional<byte[]> get(String key) throws IOException {
        return call("read", key, () -> {
            try {
                return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(prefix + key)).asByteArray());
            } catch (NoSuchKeyException e) {
                return Optional.empty();
            }
        });
    }

    @Override
    public boolean download(String key, Path file) throws IOException {
        return call("read", key, () -> {
            try (ResponseInputStream<GetObjectResponse> in = s3.getObject(r -> r.bucket(bucket).key(prefix + key))) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
                return true;
            } catch (NoSuchKeyException e) {
                return false;
            }
        });
    }

    @Override
    public List<String> list() throws IOException {
        return call("list", "", () -> {
            List<String> keys = new ArrayList<>();
            ListObjectsV2Request.Builder request = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix);
            ListObjectsV2Response page;
            do {
                page = s3.listObjectsV2(request.build());
                for (S3Object o : page.contents()) {
                    keys.add(o.key().substring(prefix.length()));
                }
                request.continuationToken(page.nextContinuationToken());
            } while (Boolean.TRUE.equals(page.isTruncated()));
            return keys;
        });
    }

    @Override
    public void close() {
        s3.close();
    }

    private interface S3Call<T> {
        T run() throws IOException;
    }

    /** Runs a call and turns SDK failures into IOExceptions that name the object but no secret. */
    private <T> T call(String what, String key, S3Call<T> call) throws IOException {
        try {
            return call.run();
        } catch (S3Exception e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            throw new IOException(what + " s3://" + bucket + "/" + prefix + key + ": " + code + " (HTTP "
                    + e.statusCode() + "): " + uri.scrub(message));
        } catch (SdkException e) {
            throw new IOException(what + " s3://" + bucket + "/" + prefix + key + ": " + uri.scrub(e.getMessage()));
        }
    }
}
