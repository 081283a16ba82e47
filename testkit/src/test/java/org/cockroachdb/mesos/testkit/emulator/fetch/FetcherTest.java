package org.cockroachdb.mesos.testkit.emulator.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorOutputStream;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FetcherTest {
    private static final byte[] SCRIPT = "#!/bin/sh\necho hello\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] README = "read me\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;
    Path source;
    Path sandbox;
    HttpServer server;
    final Fetcher fetcher = new Fetcher();

    @BeforeEach
    void directories() throws IOException {
        source = Files.createDirectory(tmp.resolve("source"));
        sandbox = Files.createDirectory(tmp.resolve("sandbox"));
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void copiesAFileUriUnderItsLastPathSegment() throws Exception {
        Path file = Files.write(source.resolve("config.json"), README);

        Path fetched = fetcher.fetch(uri("file://" + file).build(), sandbox);

        assertThat(fetched).isEqualTo(sandbox.resolve("config.json"));
        assertThat(fetched).hasBinaryContent(README);
    }

    @Test
    void absolutePathWithOutputFileLandsUnderThatName() throws Exception {
        Path file = Files.write(source.resolve("config.json"), README);

        fetcher.fetch(List.of(uri(file.toString()).setOutputFile("conf/app.json").build()), sandbox);

        assertThat(sandbox.resolve("conf/app.json")).hasBinaryContent(README);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tool.tar", "tool.tar.gz", "tool.tgz", "tool.tar.bz2", "tool.tar.xz"})
    void tarballsAreExtractedKeepingExecutableBits(String name) throws Exception {
        Path archive = source.resolve(name);
        Files.write(archive, tarball(name, tar -> {
            directoryEntry(tar, "tool/");
            fileEntry(tar, "tool/bin/run.sh", SCRIPT, 0755);
            fileEntry(tar, "tool/README", README, 0644);
        }));

        fetcher.fetch(List.of(uri("file://" + archive).build()), sandbox);

        assertThat(sandbox.resolve("tool/bin/run.sh")).hasBinaryContent(SCRIPT);
        assertThat(mode(sandbox.resolve("tool/bin/run.sh"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(sandbox.resolve("tool/README"))).isEqualTo("rw-r--r--");
        assertThat(sandbox.resolve(name)).as("the archive stays, as in Mesos").exists();
    }

    @Test
    void zipIsExtractedKeepingExecutableBits() throws Exception {
        Path archive = source.resolve("tool.zip");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            zipEntry(zip, "tool/run.sh", SCRIPT, 0755);
            zipEntry(zip, "tool/README", README, 0644);
        }
        Files.write(archive, bytes.toByteArray());

        fetcher.fetch(List.of(uri("file://" + archive).build()), sandbox);

        assertThat(sandbox.resolve("tool/run.sh")).hasBinaryContent(SCRIPT);
        assertThat(mode(sandbox.resolve("tool/run.sh"))).isEqualTo("rwxr-xr-x");
        assertThat(mode(sandbox.resolve("tool/README"))).isEqualTo("rw-r--r--");
    }

    @Test
    void gzippedFileIsUnpackedWithoutItsSuffix() throws Exception {
        Path archive = source.resolve("notes.txt.gz");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GzipCompressorOutputStream gz = new GzipCompressorOutputStream(bytes)) {
            gz.write(README);
        }
        Files.write(archive, bytes.toByteArray());

        fetcher.fetch(List.of(uri("file://" + archive).build()), sandbox);

        assertThat(sandbox.resolve("notes.txt")).hasBinaryContent(README);
    }

    @Test
    void extractFalseLeavesTheArchivePacked() throws Exception {
        Path archive = source.resolve("tool.tar");
        Files.write(archive, tarball("tool.tar", tar -> fileEntry(tar, "inside.txt", README, 0644)));

        fetcher.fetch(List.of(uri("file://" + archive).setExtract(false).build()), sandbox);

        assertThat(sandbox.resolve("tool.tar")).exists();
        assertThat(sandbox.resolve("inside.txt")).doesNotExist();
    }

    @Test
    void executableUriIsMadeExecutableAndNeverExtracted() throws Exception {
        Path archive = source.resolve("cockroach.tgz");
        Files.write(archive, tarball("cockroach.tgz", tar -> fileEntry(tar, "inside.txt", README, 0644)));
        Files.setPosixFilePermissions(archive, PosixFilePermissions.fromString("rw-r--r--"));

        fetcher.fetch(List.of(uri("file://" + archive).setExecutable(true).build()), sandbox);

        assertThat(Files.getPosixFilePermissions(sandbox.resolve("cockroach.tgz")))
                .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
                        PosixFilePermission.OTHERS_EXECUTE);
        assertThat(sandbox.resolve("inside.txt")).doesNotExist();
    }

    @Test
    void httpUriIsDownloadedFollowingRedirects() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/dist/tool.tgz", exchange -> {
            byte[] body = tarball("tool.tgz", tar -> fileEntry(tar, "bin/tool", SCRIPT, 0755));
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/latest", exchange -> {
            exchange.getResponseHeaders().add("Location", "/dist/tool.tgz");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        fetcher.fetch(List.of(uri(base + "/latest?channel=stable").setOutputFile("tool.tgz").build()), sandbox);

        assertThat(sandbox.resolve("bin/tool")).hasBinaryContent(SCRIPT);
        assertThat(Files.isExecutable(sandbox.resolve("bin/tool"))).isTrue();
        assertThatThrownBy(() -> fetcher.fetch(uri(base + "/missing.txt").build(), sandbox))
                .isInstanceOf(FetchException.class)
                .hasMessage("Failed to fetch '" + base + "/missing.txt': HTTP status 404");
        assertThat(sandbox.resolve("missing.txt")).doesNotExist();
    }

    @Test
    void missingFileIsAClearOneLineError() {
        String missing = "file://" + source.resolve("nope.tgz");

        assertThatThrownBy(() -> fetcher.fetch(List.of(uri(missing).build()), sandbox))
                .isInstanceOf(FetchException.class)
                .hasMessage("Failed to fetch '" + missing + "': no such file '" + source.resolve("nope.tgz") + "'")
                .extracting(e -> ((FetchException) e).uri()).isEqualTo(missing);
    }

    @Test
    void unsupportedSchemeIsRefused() {
        assertThatThrownBy(() -> fetcher.fetch(uri("hdfs://namenode/tool.tgz").build(), sandbox))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("'hdfs://namenode/tool.tgz'")
                .hasMessageContaining("scheme 'hdfs' is not supported");
    }

    @Test
    void entryEscapingTheSandboxIsRefused() throws Exception {
        Path archive = source.resolve("evil.tar.gz");
        Files.write(archive, tarball("evil.tar.gz", tar -> fileEntry(tar, "../escaped.txt", README, 0644)));

        assertThatThrownBy(() -> fetcher.fetch(uri("file://" + archive).build(), sandbox))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("'file://" + archive + "'")
                .hasMessageContaining("'../escaped.txt' would land outside the sandbox");
        assertThat(tmp.resolve("escaped.txt")).doesNotExist();
    }

    @Test
    void symlinkEntryPointingOutOfTheSandboxIsRefused() throws Exception {
        Path archive = source.resolve("evil.tar");
        Files.write(archive, tarball("evil.tar", tar -> symlinkEntry(tar, "up", "../source")));

        assertThatThrownBy(() -> fetcher.fetch(uri("file://" + archive).build(), sandbox))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("'up' links to '../source' outside the sandbox");
        assertThat(sandbox.resolve("up")).doesNotExist();
    }

    @Test
    void writingThroughALinkFromTheSameArchiveIsRefused() throws Exception {
        // Each link alone stays inside; together they would reach the sandbox's parent.
        Path archive = source.resolve("chain.tar");
        Files.write(archive, tarball("chain.tar", tar -> {
            symlinkEntry(tar, "here", ".");
            symlinkEntry(tar, "here/a/b/up", "../../..");
        }));

        assertThatThrownBy(() -> fetcher.fetch(uri("file://" + archive).build(), sandbox))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("lies behind the link 'here'");
    }

    @Test
    void outputFileOutsideTheSandboxIsRefused() throws Exception {
        Path file = Files.write(source.resolve("config.json"), README);

        assertThatThrownBy(() -> fetcher.fetch(uri(file.toString()).setOutputFile("../config.json").build(), sandbox))
                .isInstanceOf(FetchException.class)
                .hasMessageContaining("would land outside the sandbox");
    }

    private static CommandInfo.URI.Builder uri(String value) {
        return CommandInfo.URI.newBuilder().setValue(value);
    }

    private static String mode(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }

    @FunctionalInterface
    private interface TarContent {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static byte[] tarball(String name, TarContent content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream compressed = compressor(name, bytes);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(compressed)) {
            content.write(tar);
        }
        return bytes.toByteArray();
    }

    private static OutputStream compressor(String name, OutputStream out) throws IOException {
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return new GzipCompressorOutputStream(out);
        }
        if (name.endsWith(".tar.bz2")) {
            return new BZip2CompressorOutputStream(out);
        }
        if (name.endsWith(".tar.xz")) {
            return new XZCompressorOutputStream(out);
        }
        return out;
    }

    private static void directoryEntry(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(TarArchiveEntry.DEFAULT_DIR_MODE);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void fileEntry(TarArchiveOutputStream tar, String name, byte[] content, int mode)
            throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, true); // preserve "../" as an attacker would
        entry.setSize(content.length);
        entry.setMode(0100000 | mode);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void symlinkEntry(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    private static void zipEntry(ZipArchiveOutputStream zip, String name, byte[] content, int mode)
            throws IOException {
        ZipArchiveEntry entry = new ZipArchiveEntry(name);
        entry.setUnixMode(0100000 | mode);
        zip.putArchiveEntry(entry);
        zip.write(content);
        zip.closeArchiveEntry();
    }
}
