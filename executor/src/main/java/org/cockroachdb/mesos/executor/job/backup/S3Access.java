package org.cockroachdb.mesos.executor.job.backup;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.S3Exception;
import org.cockroachdb.mesos.executor.spec.JobSpec;

/** The S3 client a job uses, and what an S3 failure means in one line. */
public final class S3Access {
    private S3Access() {}

    /** The sync client over the JDK's HTTP connection; an endpoint means an S3-compatible store, addressed by path. */
    public static S3Client client(JobSpec.BackupOrRestore spec, AwsCredentials credentials) {
        S3ClientBuilder b = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(spec.region()))
                .credentialsProvider(StaticCredentialsProvider.create(credentials.sessionToken().isPresent()
                        ? AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                                credentials.sessionToken().get())
                        : AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())));
        spec.endpoint().ifPresent(e -> b.endpointOverride(URI.create(e)).forcePathStyle(true));
        return b.build();
    }

    /** {@code what} failed, in one line an operator can act on; never a secret. */
    public static String reason(String what, SdkException e, AwsCredentials credentials) {
        if (e instanceof S3Exception s3) {
            int status = s3.statusCode();
            String code = s3.awsErrorDetails() == null || s3.awsErrorDetails().errorCode() == null ? ""
                    : " " + s3.awsErrorDetails().errorCode();
            if (status == 403 || status == 401) {
                return what + ": S3 refused the credentials (" + status + code + "); check " + AwsCredentials.ACCESS_KEY_ID
                        + " and " + AwsCredentials.SECRET_ACCESS_KEY + " in the task's environment";
            }
            if (status == 404 && code.contains("NoSuchBucket")) {
                return what + ": the bucket does not exist (404 NoSuchBucket)";
            }
            String message = s3.awsErrorDetails() == null ? s3.getMessage() : s3.awsErrorDetails().errorMessage();
            return what + ": S3 answered " + status + code + (message == null ? "" : ": " + credentials.redact(message));
        }
        if (e instanceof SdkClientException) {
            return what + ": cannot reach S3: " + credentials.redact(e.getMessage());
        }
        return what + ": " + credentials.redact(e.getMessage());
    }
}
