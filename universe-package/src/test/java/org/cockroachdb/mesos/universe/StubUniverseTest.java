package org.cockroachdb.mesos.universe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's last step, run on stand-in artifacts. */
class StubUniverseTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void theStubUniverseHoldsThePackageWithTheCliZipsHash() throws Exception {
        StubUniverse.Artifacts artifacts = artifacts();
        Path stub = StubUniverse.write(PackageFiles.fromClasspath(), artifacts, dir.resolve("out"));

        JsonNode repo = JSON.readTree(stub.toFile());
        assertThat(repo.path("packages").size()).isEqualTo(1);
        JsonNode entry = repo.path("packages").path(0);
        assertThat(entry.path("name").asText()).isEqualTo("cockroachdb");
        assertThat(entry.path("packagingVersion").asText()).isEqualTo("4.0");
        assertThat(entry.path("releaseVersion").isInt()).isTrue();
        String hash = entry.path("resource").path("cli").path("binaries").path("linux").path("x86-64")
                .path("contentHash").path(0).path("value").asText();
        assertThat(hash).matches("[0-9a-f]{64}").isEqualTo(ContentHash.sha256(artifacts.cliZip()));
        assertThat(entry.path("config")).isEqualTo(PackageFiles.fromClasspath().config());
        String template = new String(Base64.getDecoder().decode(entry.path("marathon").path("v2AppMustacheTemplate")
                .asText()), StandardCharsets.UTF_8);
        assertThat(template).isEqualTo(PackageFiles.fromClasspath().marathonTemplate());

        // the published package directory is what Universe CI would accept, and renders
        PackageFiles published = PackageFiles.fromDirectory(dir.resolve("out/universe/package"));
        assertThat(UniverseSchemas.problems(UniverseSchemas.RESOURCE, published.resource())).isEmpty();
        assertThat(UniverseSchemas.problems(UniverseSchemas.PACKAGE, published.packageDefinition())).isEmpty();
        assertThat(published.resource()).isEqualTo(entry.path("resource"));
        assertThat(new PackageRenderer(published).render().env()).containsKey("EXECUTOR_URI");

        // the upload directory has every file resource.json points at, under its name there
        Path uploads = dir.resolve("out/universe/artifacts");
        JsonNode uris = published.resource().path("assets").path("uris");
        for (String alias : new String[] {"scheduler-tgz", "executor-jar"}) {
            String url = uris.path(alias).asText();
            assertThat(uploads.resolve(url.substring(url.lastIndexOf('/') + 1))).isRegularFile();
        }
        assertThat(Files.readAllBytes(uploads.resolve("dcos-cockroachdb-linux-x86-64.zip")))
                .isEqualTo(Files.readAllBytes(artifacts.cliZip()));
        assertThat(Files.readString(uploads.resolve("SHA256SUMS")))
                .contains(hash + "  dcos-cockroachdb-linux-x86-64.zip")
                .contains(ContentHash.sha256(stub) + "  " + StubUniverse.FILE_NAME);
    }

    @Test
    void aMissingArtifactStopsTheBuildNamingIt() throws Exception {
        StubUniverse.Artifacts a = artifacts();
        Path missing = dir.resolve("nowhere.zip");
        assertThatThrownBy(() -> StubUniverse.write(PackageFiles.fromClasspath(),
                new StubUniverse.Artifacts(a.schedulerTgz(), a.executorJar(), missing), dir.resolve("out")))
                .isInstanceOf(IOException.class).hasMessageContaining(missing.toString());
    }

    @Test
    void theHashOfAKnownContent() throws Exception {
        Path f = Files.writeString(dir.resolve("abc"), "abc");
        assertThat(ContentHash.sha256(f)).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    private StubUniverse.Artifacts artifacts() throws IOException {
        return new StubUniverse.Artifacts(Files.writeString(dir.resolve("scheduler.tar.gz"), "scheduler"),
                Files.writeString(dir.resolve("executor.jar"), "executor"),
                Files.writeString(dir.resolve("cli.zip"), "the cli"));
    }
}
