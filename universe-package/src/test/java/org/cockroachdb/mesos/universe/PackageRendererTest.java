package org.cockroachdb.mesos.universe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.cockroachdb.mesos.scheduler.config.DiskType;
import org.cockroachdb.mesos.scheduler.config.PlacementRule;
import org.cockroachdb.mesos.scheduler.config.ServiceConfig;
import org.junit.jupiter.api.Test;

/**
 * Renders the package as Cosmos would, with the defaults and with option sets users write, and
 * parses the scheduler's environment with the scheduler's own parser.
 */
class PackageRendererTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final PackageRenderer renderer = PackageRenderer.fromClasspath();
    private final JsonNode resource = PackageFiles.fromClasspath().resource();

    @Test
    void theDefaultsRenderASingleInstanceSdkAppWhoseEnvIsTheSchedulerDefaults() {
        RenderedApp rendered = renderer.render();
        ObjectNode app = rendered.app();
        assertThat(rendered.id()).isEqualTo("cockroachdb");
        assertThat(app.path("instances").asInt()).isEqualTo(1);
        assertThat(app.path("upgradeStrategy").path("minimumHealthCapacity").asInt()).isZero();
        assertThat(app.path("upgradeStrategy").path("maximumOverCapacity").asInt()).isZero();
        assertThat(rendered.labels()).containsEntry("MARATHON_SINGLE_INSTANCE_APP", "true")
                .containsEntry("DCOS_COMMONS_API_VERSION", "v1")
                .containsEntry("DCOS_COMMONS_UNINSTALL", "true")
                .containsEntry("DCOS_PACKAGE_FRAMEWORK_NAME", "cockroachdb")
                .containsEntry("DCOS_SERVICE_NAME", "cockroachdb")
                .containsEntry("DCOS_SERVICE_PORT_INDEX", "0")
                .containsEntry("DCOS_SERVICE_SCHEME", "http")
                .containsEntry("DCOS_PACKAGE_NAME", "cockroachdb")
                .containsEntry("DCOS_PACKAGE_OPTIONS", Base64.getEncoder().encodeToString("{}".getBytes()));
        JsonNode port = app.path("portDefinitions").path(0);
        assertThat(app.path("portDefinitions").size()).isEqualTo(1);
        assertThat(port.path("name").asText()).isEqualTo("api");
        assertThat(port.path("port").asInt()).isZero();
        assertThat(port.path("labels").path("VIP_0").asText()).isEqualTo("/api.cockroachdb:80");
        JsonNode check = app.path("healthChecks").path(0);
        assertThat(check.path("protocol").asText()).isEqualTo("HTTP");
        assertThat(check.path("path").asText()).isEqualTo("/v1/health");
        assertThat(check.path("maxConsecutiveFailures").asInt()).as("never killed for being unhealthy").isZero();
        assertThat(app.has("secrets")).isFalse();
        assertThat(app.has("container")).isFalse();
        List<String> fetched = new ArrayList<>();
        app.path("fetch").forEach(f -> fetched.add(f.path("uri").asText()));
        JsonNode uris = resource.path("assets").path("uris");
        assertThat(fetched).containsExactly(uris.path("jre-tgz").asText(), uris.path("scheduler-tgz").asText());

        Map<String, String> env = rendered.env();
        assertThat(env).containsEntry("EXECUTOR_URI", uris.path("executor-jar").asText())
                .containsEntry("JAVA_URI", uris.path("jre-tgz").asText())
                .containsEntry("COCKROACH_URI", uris.path("cockroach-tgz").asText())
                .containsEntry("NODE_CPUS", "1")
                .containsEntry("NODE_PLACEMENT", "[[\"hostname\",\"UNIQUE\"]]")
                .doesNotContainKeys("DCOS_SERVICE_ACCOUNT_CREDENTIAL", "ENABLE_VIRTUAL_NETWORK");
        ServiceConfig config = valid(env);
        ServiceConfig defaults = ServiceConfig.defaults();
        assertThat(config.serviceName()).isEqualTo(defaults.serviceName());
        assertThat(config.nodeCount()).isEqualTo(defaults.nodeCount());
        assertThat(config.nodeCpus()).isEqualTo(defaults.nodeCpus());
        assertThat(config.nodeMemMib()).isEqualTo(defaults.nodeMemMib());
        assertThat(config.nodeDiskMib()).isEqualTo(defaults.nodeDiskMib());
        assertThat(config.nodePlacement()).isEqualTo(defaults.nodePlacement());
        assertThat(config.cockroachVersion()).isEqualTo(defaults.cockroachVersion());
        assertThat(config.pgPort()).isEqualTo(defaults.pgPort());
        assertThat(config.httpPort()).isEqualTo(defaults.httpPort());
        assertThat(config.principal()).isEqualTo(defaults.principal());
        assertThat(config.failoverTimeout()).isEqualTo(defaults.failoverTimeout());
        assertThat(config.gateSettle()).isEqualTo(defaults.gateSettle());
        assertThat(config.cockroachUri()).isPresent();
    }

    @Test
    void aCustomNameInAFolderNamesTheAppTheFrameworkAndTheVip() throws Exception {
        RenderedApp rendered = renderer.render(options("{\"service\":{\"name\":\"/data/crdb-1\"}}"));
        assertThat(rendered.id()).isEqualTo("/data/crdb-1");
        assertThat(rendered.labels()).containsEntry("DCOS_SERVICE_NAME", "/data/crdb-1")
                .containsEntry("DCOS_PACKAGE_FRAMEWORK_NAME", "/data/crdb-1");
        assertThat(rendered.app().path("portDefinitions").path(0).path("labels").path("VIP_0").asText())
                .isEqualTo("/api./data/crdb-1:80");
        ServiceConfig config = valid(rendered.env());
        assertThat(config.serviceName().value()).isEqualTo("data/crdb-1");
        assertThat(config.zkRoot()).isEqualTo("/dcos-service-data__crdb-1");
        assertThat(config.principal()).isEqualTo("data/crdb-1-principal");
    }

    @Test
    void aPlacementConstraintReachesTheSchedulerAsRules() throws Exception {
        RenderedApp rendered = renderer.render(options(
                "{\"node\":{\"placement_constraint\":\"[[\\\"hostname\\\",\\\"MAX_PER\\\",\\\"1\\\"],[\\\"zone\\\",\\\"GROUP_BY\\\",\\\"3\\\"]]\"}}"));
        assertThat(rendered.env()).containsEntry("NODE_PLACEMENT",
                "[[\"hostname\",\"MAX_PER\",\"1\"],[\"zone\",\"GROUP_BY\",\"3\"]]");
        assertThat(valid(rendered.env()).nodePlacement()).hasSize(2);
    }

    @Test
    void aMountDiskWithMoreResourcesAndAFractionalCpu() throws Exception {
        RenderedApp rendered = renderer.render(options(
                "{\"node\":{\"disk_type\":\"MOUNT\",\"disk\":51200,\"count\":5,\"cpus\":0.5,\"mem\":8192}}"));
        assertThat(rendered.env()).containsEntry("NODE_CPUS", "0.5").containsEntry("NODE_DISK_TYPE", "MOUNT");
        ServiceConfig config = valid(rendered.env());
        assertThat(config.nodeDiskType()).isEqualTo(DiskType.MOUNT);
        assertThat(config.nodeDiskMib()).isEqualTo(51200);
        assertThat(config.nodeCount()).isEqualTo(5);
        assertThat(config.nodeCpus()).isEqualTo(0.5);
        assertThat(config.nodeMemMib()).isEqualTo(8192);
    }

    @Test
    void stringsWithQuotesAndBackslashesArriveUnchanged() throws Exception {
        String regex = "10\\.0\\.[0-9]+\\.\"rack\"";
        String placement = JSON.writeValueAsString(List.of(List.of("hostname", "LIKE", regex)));
        String dir = "backups/\"nightly\"\\eu";
        ObjectNode options = JSON.createObjectNode();
        options.putObject("node").put("placement_constraint", placement);
        options.putObject("backup").put("s3_dir", dir).put("s3_bucket", "b\"\\");
        RenderedApp rendered = renderer.render(options);
        assertThat(rendered.env()).containsEntry("NODE_PLACEMENT", placement)
                .containsEntry("BACKUP_S3_DIR", dir)
                .containsEntry("BACKUP_S3_BUCKET", "b\"\\");
        List<PlacementRule> rules = valid(rendered.env()).nodePlacement();
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).toString()).contains("rack");
    }

    @Test
    void aServiceAccountSecretIsMountedAsAFileNeverPutInTheEnvironment() throws Exception {
        RenderedApp rendered = renderer.render(options(
                "{\"service\":{\"service_account\":\"crdb-sa\",\"service_account_secret\":\"crdb/sa-secret\"}}"));
        ObjectNode app = rendered.app();
        assertThat(app.path("secrets").path("serviceCredential").path("source").asText()).isEqualTo("crdb/sa-secret");
        JsonNode volume = app.path("container").path("volumes").path(0);
        assertThat(app.path("container").path("type").asText()).isEqualTo("MESOS");
        assertThat(volume.path("secret").asText()).isEqualTo("serviceCredential");
        assertThat(rendered.env()).containsEntry("DCOS_SERVICE_ACCOUNT_CREDENTIAL", volume.path("containerPath").asText())
                .containsEntry("FRAMEWORK_PRINCIPAL", "crdb-sa");
        assertThat(valid(rendered.env()).principal()).isEqualTo("crdb-sa");
    }

    @Test
    void aVirtualNetworkReachesTheScheduler() throws Exception {
        RenderedApp rendered = renderer.render(options("{\"service\":{\"virtual_network_enabled\":true,"
                + "\"virtual_network_name\":\"overlay-2\",\"virtual_network_plugin_labels\":\"a:1,b:2\"}}"));
        assertThat(rendered.env()).containsEntry("ENABLE_VIRTUAL_NETWORK", "true")
                .containsEntry("VIRTUAL_NETWORK_NAME", "overlay-2")
                .containsEntry("VIRTUAL_NETWORK_PLUGIN_LABELS", "a:1,b:2");
        valid(rendered.env());
    }

    @Test
    void aVersionWithoutAUriFetchesThatReleaseAndAUriWins() throws Exception {
        assertThat(renderer.render(options("{\"node\":{\"cockroach_version\":\"v23.1.14\"}}")).env())
                .containsEntry("COCKROACH_VERSION", "v23.1.14")
                .containsEntry("COCKROACH_URI", "https://binaries.cockroachdb.com/cockroach-v23.1.14.linux-amd64.tgz");
        Map<String, String> env = renderer.render(options(
                "{\"node\":{\"cockroach_version\":\"v23.1.14\",\"cockroach_uri\":\"https://mirror.example.com/c.tgz\"}}")).env();
        assertThat(env).containsEntry("COCKROACH_URI", "https://mirror.example.com/c.tgz");
        assertThat(valid(env).cockroachVersion().toString()).contains("23.1.14");
    }

    /** Each option, set to a value other than its default, shows in the scheduler's environment. */
    @Test
    void everyOptionReachesTheSchedulerEnvironment() throws Exception {
        Map<String, String> envOf = new LinkedHashMap<>();
        envOf.put("service.name", "FRAMEWORK_NAME");
        envOf.put("service.user", "FRAMEWORK_USER");
        envOf.put("service.service_account", "FRAMEWORK_PRINCIPAL");
        envOf.put("service.virtual_network_name", "VIRTUAL_NETWORK_NAME");
        envOf.put("service.virtual_network_plugin_labels", "VIRTUAL_NETWORK_PLUGIN_LABELS");
        envOf.put("service.failover_timeout_seconds", "FAILOVER_TIMEOUT_SECONDS");
        envOf.put("node.count", "NODE_COUNT");
        envOf.put("node.cpus", "NODE_CPUS");
        envOf.put("node.mem", "NODE_MEM");
        envOf.put("node.disk", "NODE_DISK");
        envOf.put("node.disk_type", "NODE_DISK_TYPE");
        envOf.put("node.placement_constraint", "NODE_PLACEMENT");
        envOf.put("node.cache_size", "COCKROACH_CACHE_SIZE");
        envOf.put("node.max_sql_memory", "COCKROACH_MAX_SQL_MEMORY");
        envOf.put("node.pg_port", "COCKROACH_PG_PORT");
        envOf.put("node.http_port", "COCKROACH_HTTP_PORT");
        envOf.put("node.cockroach_version", "COCKROACH_VERSION");
        envOf.put("node.cockroach_uri", "COCKROACH_URI");
        envOf.put("update.health_gate_settle_seconds", "HEALTH_GATE_SETTLE_SECONDS");
        envOf.put("update.auto_finalize_upgrade", "AUTO_FINALIZE_UPGRADE");
        envOf.put("recovery.replace_after_seconds", "REPLACE_AFTER_SECONDS");
        envOf.put("backup.s3_bucket", "BACKUP_S3_BUCKET");
        envOf.put("backup.s3_dir", "BACKUP_S3_DIR");
        envOf.put("backup.region", "BACKUP_REGION");
        envOf.put("backup.endpoint", "BACKUP_ENDPOINT");
        envOf.put("backup.mode", "BACKUP_MODE");
        Map<String, String> values = Map.ofEntries(
                Map.entry("service.name", "crdb"), Map.entry("service.user", "crdb"),
                Map.entry("service.service_account", "crdb-principal-x"),
                Map.entry("service.virtual_network_name", "net9"),
                Map.entry("service.virtual_network_plugin_labels", "k:v"),
                Map.entry("service.failover_timeout_seconds", "3600"), Map.entry("node.count", "4"),
                Map.entry("node.cpus", "2.5"), Map.entry("node.mem", "6144"), Map.entry("node.disk", "20480"),
                Map.entry("node.disk_type", "MOUNT"), Map.entry("node.placement_constraint", "[[\"rack\",\"UNIQUE\"]]"),
                Map.entry("node.cache_size", "20%"), Map.entry("node.max_sql_memory", "1GiB"),
                Map.entry("node.pg_port", "26000"), Map.entry("node.http_port", "8124"),
                Map.entry("node.cockroach_version", "v23.1.12"),
                Map.entry("node.cockroach_uri", "https://mirror.example.com/cockroach.tgz"),
                Map.entry("update.health_gate_settle_seconds", "5"), Map.entry("update.auto_finalize_upgrade", "true"),
                Map.entry("recovery.replace_after_seconds", "600"), Map.entry("backup.s3_bucket", "bkt"),
                Map.entry("backup.s3_dir", "nightly"), Map.entry("backup.region", "eu-west-1"),
                Map.entry("backup.endpoint", "https://s3.example.com"), Map.entry("backup.mode", "native"));

        ObjectNode options = JSON.createObjectNode();
        options.putObject("service").put("virtual_network_enabled", true)
                .put("service_account_secret", "sa-secret");
        List<String> leaves = new ArrayList<>();
        for (Map.Entry<String, JsonNode> group : renderer.defaults().properties()) {
            for (Map.Entry<String, JsonNode> leaf : group.getValue().properties()) {
                String path = group.getKey() + "." + leaf.getKey();
                leaves.add(path);
                if (!values.containsKey(path)) {
                    continue;
                }
                ObjectNode g = options.has(group.getKey()) ? (ObjectNode) options.get(group.getKey())
                        : options.putObject(group.getKey());
                JsonNode parsed = leaf.getValue().isTextual() ? JSON.getNodeFactory().textNode(values.get(path))
                        : JSON.readTree(values.get(path));
                g.set(leaf.getKey(), parsed);
            }
        }
        List<String> mapped = new ArrayList<>(envOf.keySet());
        mapped.add("service.virtual_network_enabled");
        mapped.add("service.service_account_secret");
        assertThat(leaves).as("every option has a row in this test").containsExactlyInAnyOrderElementsOf(mapped);

        Map<String, String> env = renderer.render(options).env();
        envOf.forEach((option, variable) -> assertThat(env).as(option).containsEntry(variable, values.get(option)));
        assertThat(env).containsEntry("ENABLE_VIRTUAL_NETWORK", "true").containsKey("DCOS_SERVICE_ACCOUNT_CREDENTIAL");
        valid(env);
    }

    @Test
    void aWrongTypeIsRefusedWithTheOptionsPath() {
        assertThatThrownBy(() -> renderer.render(options("{\"node\":{\"count\":\"three\"}}")))
                .isInstanceOf(OptionsRefused.class)
                .hasMessage("node.count: string found, integer expected");
        assertThatThrownBy(() -> renderer.render(options("{\"node\":\"big\"}")))
                .hasMessage("node: string found, object expected");
    }

    @Test
    void anUnknownKeyIsRefusedNamingIt() {
        assertThatThrownBy(() -> renderer.render(options("{\"service\":{\"nmae\":\"x\"}}")))
                .isInstanceOf(OptionsRefused.class)
                .hasMessageStartingWith("service.nmae: unknown option; service accepts ")
                .hasMessageContaining("name, service_account");
        assertThatThrownBy(() -> renderer.render(options("{\"nodes\":{\"count\":3}}")))
                .hasMessageStartingWith("nodes: unknown option; the groups are backup, node, recovery, service, update");
    }

    @Test
    void outOfRangeAndNotAcceptedValuesAreRefusedAllAtOnce() {
        OptionsRefused refused = refusal("{\"node\":{\"count\":0,\"disk_type\":\"SSD\",\"cpus\":0},"
                + "\"service\":{\"name\":\"Bad_Name\"}}");
        assertThat(refused.problems()).hasSize(4);
        assertThat(refused.problems()).anySatisfy(p -> assertThat(p).startsWith("node.count: "))
                .anySatisfy(p -> assertThat(p).startsWith("node.disk_type: "))
                .anySatisfy(p -> assertThat(p).startsWith("node.cpus: "))
                .anySatisfy(p -> assertThat(p).startsWith("service.name: "));
        assertThat(refused.getMessage()).doesNotContain("\n");
        assertThatThrownBy(() -> renderer.render(JSON.getNodeFactory().arrayNode()))
                .hasMessage("(options): array found, object expected");
    }

    @Test
    void theDefaultsAreThoseOfConfigJson() {
        ObjectNode defaults = renderer.defaults();
        assertThat(defaults.path("node").path("count").asInt()).isEqualTo(3);
        assertThat(defaults.path("service").path("name").asText()).isEqualTo("cockroachdb");
        assertThat(defaults.path("backup").path("region").asText()).isEqualTo("us-east-1");
    }

    private OptionsRefused refusal(String options) {
        try {
            renderer.render(options(options));
        } catch (OptionsRefused e) {
            return e;
        }
        return fail("refused: " + options);
    }

    private static JsonNode options(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static ServiceConfig valid(Map<String, String> env) {
        ServiceConfig.Parsed parsed = ServiceConfig.parse(env);
        if (parsed instanceof ServiceConfig.Parsed.Invalid invalid) {
            fail("the scheduler refuses the rendered env: " + invalid.errors());
        }
        return ((ServiceConfig.Parsed.Valid) parsed).config();
    }
}
