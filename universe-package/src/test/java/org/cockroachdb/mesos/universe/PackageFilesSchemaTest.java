package org.cockroachdb.mesos.universe;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.mustachejava.DefaultMustacheFactory;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.junit.jupiter.api.Test;

/** The package files as built, against the official Universe schemas and Universe CI's own rules. */
class PackageFilesSchemaTest {

    private final PackageFiles files = PackageFiles.fromClasspath();

    @Test
    void packageJsonIsAValidVersion4Package() {
        JsonNode definition = files.packageDefinition();
        assertThat(UniverseSchemas.problems(UniverseSchemas.PACKAGE, definition)).isEmpty();
        assertThat(definition.path("packagingVersion").asText()).isEqualTo("4.0");
        assertThat(definition.path("name").asText()).matches("^[a-z][a-z0-9-]*[a-z0-9]$").isEqualTo("cockroachdb");
        assertThat(definition.path("framework").asBoolean()).isTrue();
        assertThat(definition.path("version").asText()).doesNotContain("@");
    }

    @Test
    void theSchemaCatchesWhatUniverseRefuses() {
        ObjectNode extraKey = ((ObjectNode) files.packageDefinition()).deepCopy().put("command", "pip");
        assertThat(UniverseSchemas.problems(UniverseSchemas.PACKAGE, extraKey)).isNotEmpty();
        ObjectNode badResource = ((ObjectNode) files.resource()).deepCopy();
        badResource.withObject("/cli/binaries/linux/x86-64").put("kind", "tarball");
        assertThat(UniverseSchemas.problems(UniverseSchemas.RESOURCE, badResource)).isNotEmpty();
        ObjectNode badConfig = ((ObjectNode) files.config()).deepCopy().put("type", "objekt");
        assertThat(UniverseSchemas.problems(UniverseSchemas.CONFIG, badConfig)).isNotEmpty();
    }

    @Test
    void configJsonIsADraft4SchemaWithADefaultDescriptionAndTypeOnEveryLeafAndClosedGroups() {
        JsonNode config = files.config();
        assertThat(UniverseSchemas.problems(UniverseSchemas.CONFIG, config)).isEmpty();
        assertThat(config.path("additionalProperties").isBoolean() && !config.path("additionalProperties").asBoolean())
                .as("the top level is closed").isTrue();
        List<String> groups = new ArrayList<>();
        config.path("properties").properties().forEach(g -> groups.add(g.getKey()));
        assertThat(groups).contains("service", "node", "backup");
        List<String> leaves = new ArrayList<>();
        for (Map.Entry<String, JsonNode> group : config.path("properties").properties()) {
            JsonNode g = group.getValue();
            assertThat(g.path("type").asText()).as(group.getKey()).isEqualTo("object");
            assertThat(g.path("description").asText()).as(group.getKey()).isNotBlank();
            assertThat(g.path("additionalProperties").isBoolean() && !g.path("additionalProperties").asBoolean())
                    .as("%s has additionalProperties: false", group.getKey()).isTrue();
            for (Map.Entry<String, JsonNode> leaf : g.path("properties").properties()) {
                String path = group.getKey() + "." + leaf.getKey();
                leaves.add(path);
                assertThat(leaf.getValue().has("default")).as("%s has a default", path).isTrue();
                assertThat(leaf.getValue().path("description").asText()).as("%s has a description", path).isNotBlank();
                assertThat(leaf.getValue().path("type").asText()).as("%s has a type", path).isNotBlank();
            }
        }
        assertThat(leaves).hasSizeGreaterThan(20);
    }

    @Test
    void resourceJsonIsAValidV3ResourceWithTheAssetsTheTemplateUses() {
        JsonNode resource = files.resource();
        assertThat(UniverseSchemas.problems(UniverseSchemas.RESOURCE, resource)).isEmpty();
        JsonNode uris = resource.path("assets").path("uris");
        assertThat(uris.path("cockroach-tgz").asText())
                .isEqualTo("https://binaries.cockroachdb.com/cockroach-" + ServiceConfig.DEFAULT_VERSION
                        + ".linux-amd64.tgz");
        assertThat(uris.path("scheduler-tgz").asText()).startsWith("https://").endsWith(".tar.gz");
        assertThat(uris.path("executor-jar").asText()).startsWith("https://").endsWith("/executor.jar");
        assertThat(uris.path("jre-tgz").asText()).startsWith("https://");
        JsonNode cli = resource.path("cli").path("binaries").path("linux").path("x86-64");
        assertThat(cli.path("kind").asText()).isEqualTo("zip");
        assertThat(cli.path("url").asText()).endsWith("/dcos-cockroachdb-linux-x86-64.zip");

        Matcher used = Pattern.compile("\\{\\{resource\\.assets\\.uris\\.([^}]+)}}").matcher(files.marathonTemplate());
        List<String> aliases = new ArrayList<>();
        while (used.find()) {
            aliases.add(used.group(1));
        }
        assertThat(aliases).isNotEmpty();
        aliases.forEach(alias -> assertThat(uris.has(alias)).as("resource.json has asset %s", alias).isTrue());
    }

    @Test
    void everyFileIsAsciiWithoutUnicodeEscapesAndTheTemplateParses() {
        for (String text : List.of(files.packageJson(), files.configJson(), files.resourceJson(), files.marathonTemplate())) {
            assertThat(text.chars().allMatch(c -> c < 128)).isTrue();
            assertThat(text).doesNotContain("\\u");
        }
        assertThat(new DefaultMustacheFactory().compile(new StringReader(files.marathonTemplate()), "marathon"))
                .isNotNull();
        // build-time values are all filled in, except the CLI's hash, which the package phase writes
        assertThat(files.configJson() + files.marathonTemplate()).doesNotContain("@project.version@")
                .doesNotContain("@cockroach.default.version@");
        assertThat(files.resourceJson()).contains(StubUniverse.CLI_HASH_PLACEHOLDER).doesNotContain("@artifact.base.url@");
    }
}
