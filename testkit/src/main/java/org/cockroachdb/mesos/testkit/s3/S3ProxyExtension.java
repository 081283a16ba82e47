package org.cockroachdb.mesos.testkit.s3;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real S3 server for a test class: s3proxy (copied into target/s3proxy by the build) as a child
 * process on a free loopback port, filesystem-backed, with AWS signatures checked. Not on the test
 * classpath: its fat jar carries its own AWS SDK, Jackson and logging.
 */
public final class S3ProxyExtension implements BeforeAllCallback, AfterAllCallback {
    public static final String ACCESS_KEY = "standin-access";
    /** Characters that must be URL-encoded in a CockroachDB URI: the secret only works if that is done right. */
    public static final String SECRET_KEY = "standin/secret+key=42";

    private Path dir;
    private Process process;
    private int port;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Path jar = Path.of(System.getProperty("s3proxy.jar", "target/s3proxy/s3proxy.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no s3proxy jar at " + jar + "; run the tests through Maven "
                    + "(process-test-resources copies it)");
        }
        dir = Files.createTempDirectory("s3proxy");
        Files.createDirectories(dir.resolve("data"));
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + ACCESS_KEY,
                "s3proxy.credential=" + SECRET_KEY,
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + dir.resolve("data")) + "\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        process = new ProcessBuilder(java, "-jar", jar.toString(), "--properties", properties.toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("s3proxy.log").toFile())
                .start();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(this::answers);
    }

    /** Any HTTP answer (403 without a signature) means it is up; a dead process fails at once. */
    private boolean answers() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("s3proxy exited: " + Files.readString(dir.resolve("s3proxy.log")));
        }
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(1000);
            c.getResponseCode();
            c.disconnect();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (process != null) {
            process.destroy();
            process.waitFor();
        }
        if (dir != null) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** A client of our own, to look at what the stand-in stored. */
    public S3Client client() {
        return S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .endpointOverride(URI.create(endpoint()))
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .build();
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** A bucket is a directory of the filesystem backend. */
    public void createBucket(String bucket) {
        try {
            Files.createDirectories(dir.resolve("data").resolve(bucket));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CockroachDB backup URI for {@code bucket/path} on this server, with these credentials. */
    public String uri(String bucketAndPath, String secret) {
        return "s3://" + bucketAndPath + "?AWS_ACCESS_KEY_ID=" + encode(ACCESS_KEY) + "&AWS_SECRET_ACCESS_KEY="
                + encode(secret) + "&AWS_REGION=us-east-1&AWS_ENDPOINT=" + encode(endpoint());
    }

    public String uri(String bucketAndPath) {
        return uri(bucketAndPath, SECRET_KEY);
    }

    public static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
