package org.cockroachdb.mesos.testkit.emulator.fetch;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/** Copies one {@code CommandInfo.URI.value} (absolute path, {@code file://}, {@code http(s)://}) to a file. */
final class Downloader {
    private final HttpClient http;
    private final Duration timeout;

    Downloader(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(timeout)
                .build();
    }

    void download(String value, Path destination) throws IOException {
        if (value.startsWith("/")) {
            copy(Path.of(value), destination);
            return;
        }
        String scheme = scheme(value);
        switch (scheme) {
            // Mesos strips "file://" and takes the rest as a path, without percent-decoding it.
            case "file" -> copy(Path.of(value.substring("file://".length())), destination);
            case "http", "https" -> get(value, destination);
            case "" -> throw new IOException("a relative path needs a frameworks home, which this agent has none of");
            default -> throw new IOException("the scheme '" + scheme + "' is not supported");
        }
    }

    private static String scheme(String value) throws IOException {
        if (value.startsWith("file://")) {
            return "file";
        }
        try {
            String scheme = new URI(value).getScheme();
            return scheme == null ? "" : scheme.toLowerCase(java.util.Locale.ROOT);
        } catch (URISyntaxException e) {
            throw new IOException("not a URI: " + e.getMessage(), e);
        }
    }

    private static void copy(Path source, Path destination) throws IOException {
        if (!source.isAbsolute()) {
            throw new IOException("'" + source + "' is not an absolute path");
        }
        if (Files.isDirectory(source)) {
            throw new IOException("'" + source + "' is a directory");
        }
        if (!Files.exists(source)) {
            throw new IOException("no such file '" + source + "'");
        }
        Files.copy(source, destination, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
    }

    private void get(String url, Path destination) throws IOException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
        Path partial = destination.resolveSibling(destination.getFileName() + ".part");
        try {
            HttpResponse<Path> response = http.send(request, HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() / 100 != 2) {
                throw new IOException("HTTP status " + response.statusCode());
            }
            Files.move(partial, destination, StandardCopyOption.REPLACE_EXISTING);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while downloading", e);
        } finally {
            Files.deleteIfExists(partial);
        }
    }
}
