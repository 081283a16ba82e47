package org.cockroachdb.mesos.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigChangeTest {

    private static ServiceConfig config(String... keyValues) {
        Map<String, String> env = new java.util.HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            env.put(keyValues[i], keyValues[i + 1]);
        }
        ServiceConfig.Parsed parsed = ServiceConfig.parse(env);
        assertThat(parsed).isInstanceOf(ServiceConfig.Parsed.Valid.class);
        return ((ServiceConfig.Parsed.Valid) parsed).config();
    }

    private static ConfigChange fromDefaultsTo(String... keyValues) {
        return ConfigChange.between(ServiceConfig.defaults(), config(keyValues));
    }

    @Test
    void identicalConfigsMakeAnEmptyValidChange() {
        ConfigChange change = fromDefaultsTo();

        assertThat(change.isEmpty()).isTrue();
        assertThat(change.changed()).isEmpty();
        assertThat(change.validate()).isEmpty();
        assertThat(change.needsRollingUpdate()).isFalse();
        assertThat(change.scaleUp()).isFalse();
        assertThat(change.scaleDown()).isFalse();
        assertThat(change.versionChangeKind()).isEqualTo(VersionChangeKind.NONE);
    }

    @Test
    void resourceAndMemoryChangesRollThroughTheNodes() {
        ConfigChange change = fromDefaultsTo("NODE_CPUS", "2", "NODE_MEM", "8192", "COCKROACH_CACHE_SIZE", "30%");

        assertThat(change.changed()).containsExactlyInAnyOrder(
                Setting.NODE_CPUS, Setting.NODE_MEM, Setting.COCKROACH_CACHE_SIZE);
        assertThat(change.needsRollingUpdate()).isTrue();
        assertThat(change.validate()).isEmpty();
    }

    @Test
    void schedulerOnlyChangesDoNotRollTheNodes() {
        ConfigChange change = fromDefaultsTo("PORT_API", "10000", "FAILOVER_TIMEOUT_SECONDS", "60",
                "AUTO_FINALIZE_UPGRADE", "true");

        assertThat(change.changed()).containsExactlyInAnyOrder(Setting.PORT_API, Setting.FAILOVER_TIMEOUT_SECONDS,
                Setting.AUTO_FINALIZE_UPGRADE);
        assertThat(change.needsRollingUpdate()).isFalse();
        assertThat(change.validate()).isEmpty();
    }

    @Test
    void aPlacementChangeRollsTheNodes() {
        ConfigChange change = fromDefaultsTo("NODE_PLACEMENT", "[[\"hostname\",\"MAX_PER\",\"2\"]]");

        assertThat(change.changed()).containsExactly(Setting.NODE_PLACEMENT);
        assertThat(change.needsRollingUpdate()).isTrue();
        assertThat(change.validate()).isEmpty();
    }

    @Test
    void raisingNodeCountIsAScaleUpWithoutRollingTheOthers() {
        ConfigChange change = fromDefaultsTo("NODE_COUNT", "5");

        assertThat(change.scaleUp()).isTrue();
        assertThat(change.scaleDown()).isFalse();
        assertThat(change.needsRollingUpdate()).isFalse();
        assertThat(change.validate()).isEmpty();
    }

    @Test
    void loweringNodeCountToThreeOrMoreIsAnAllowedScaleDown() {
        ConfigChange change = ConfigChange.between(config("NODE_COUNT", "5"), config("NODE_COUNT", "4"));

        assertThat(change.scaleDown()).isTrue();
        assertThat(change.validate()).isEmpty();
    }

    @Test
    void shrinkingBelowThreeNodesFromThreeOrMoreIsRefused() {
        ConfigChange change = ConfigChange.between(config("NODE_COUNT", "5"), config("NODE_COUNT", "2"));

        assertThat(change.validate()).singleElement().asString()
                .startsWith("NODE_COUNT cannot change from 5 to 2: ")
                .contains("under-replicated");
    }

    @Test
    void shrinkingAClusterThatWasAlreadyBelowThreeIsAllowed() {
        ConfigChange change = ConfigChange.between(config("NODE_COUNT", "2"), config("NODE_COUNT", "1"));

        assertThat(change.validate()).isEmpty();
    }

    @Test
    void diskTypeChangeIsRefused() {
        assertThat(fromDefaultsTo("NODE_DISK_TYPE", "MOUNT").validate()).singleElement().asString()
                .startsWith("NODE_DISK_TYPE cannot change from ROOT to MOUNT: ");
    }

    @Test
    void diskShrinkIsRefused() {
        assertThat(fromDefaultsTo("NODE_DISK", "5120").validate()).singleElement().asString()
                .startsWith("NODE_DISK cannot change from 10240 to 5120: ")
                .contains("never shrink");
    }

    @Test
    void rootDiskGrowthIsAllowedAndRollsTheNodes() {
        ConfigChange change = fromDefaultsTo("NODE_DISK", "20480");

        assertThat(change.validate()).isEmpty();
        assertThat(change.needsRollingUpdate()).isTrue();
    }

    @Test
    void mountDiskGrowthIsRefused() {
        ConfigChange change = ConfigChange.between(
                config("NODE_DISK_TYPE", "MOUNT"), config("NODE_DISK_TYPE", "MOUNT", "NODE_DISK", "20480"));

        assertThat(change.validate()).singleElement().asString().contains("whole disk");
    }

    @Test
    void userChangeIsRefused() {
        assertThat(fromDefaultsTo("FRAMEWORK_USER", "root").validate()).singleElement().asString()
                .startsWith("FRAMEWORK_USER cannot change from nobody to root: ");
    }

    @Test
    void serviceNameChangeIsRefused() {
        assertThat(fromDefaultsTo("FRAMEWORK_NAME", "crdb").validate()).singleElement().asString()
                .startsWith("FRAMEWORK_NAME cannot change from cockroachdb to crdb: ");
    }

    @Test
    void everyUnsafeChangeIsReportedAtOnce() {
        ConfigChange change = ConfigChange.between(config(),
                config("FRAMEWORK_USER", "root", "NODE_DISK_TYPE", "MOUNT", "NODE_DISK", "2048",
                        "NODE_COUNT", "1", "COCKROACH_VERSION", "v24.1.0"));

        assertThat(change.validate()).hasSize(5);
    }

    @Test
    void patchReleaseInEitherDirectionIsAllowed() {
        ConfigChange up = fromDefaultsTo("COCKROACH_VERSION", "v23.1.20");
        ConfigChange down = ConfigChange.between(config("COCKROACH_VERSION", "v23.1.20"), config());

        assertThat(up.versionChangeKind()).isEqualTo(VersionChangeKind.PATCH);
        assertThat(down.versionChangeKind()).isEqualTo(VersionChangeKind.PATCH);
        assertThat(up.validate()).isEmpty();
        assertThat(down.validate()).isEmpty();
        assertThat(up.needsRollingUpdate()).isTrue();
    }

    @Test
    void nextMajorIsAnAllowedMajorUpgrade() {
        ConfigChange change = fromDefaultsTo("COCKROACH_VERSION", "v23.2.0");

        assertThat(change.versionChangeKind()).isEqualTo(VersionChangeKind.MAJOR_UPGRADE);
        assertThat(change.validate()).isEmpty();
    }

    @Test
    void skippingAMajorIsRefused() {
        ConfigChange change = fromDefaultsTo("COCKROACH_VERSION", "v24.1.0");

        assertThat(change.versionChangeKind()).isEqualTo(VersionChangeKind.UNSUPPORTED);
        assertThat(change.validate()).singleElement().asString()
                .startsWith("COCKROACH_VERSION cannot change from v23.1.11 to v24.1.0: ")
                .contains("one major version at a time");
    }

    @Test
    void oneMajorDowngradeIsClassifiedAsRollbackAndRefused() {
        ConfigChange change = ConfigChange.between(config("COCKROACH_VERSION", "v23.2.3"), config());

        assertThat(change.versionChangeKind()).isEqualTo(VersionChangeKind.MAJOR_ROLLBACK);
        assertThat(change.validate()).singleElement().asString()
                .contains("only allowed within the same major version (v23.2)");
    }

    @Test
    void twoMajorDowngradeIsUnsupported() {
        ConfigChange change = ConfigChange.between(config("COCKROACH_VERSION", "v24.1.0"), config());

        assertThat(change.versionChangeKind()).isEqualTo(VersionChangeKind.UNSUPPORTED);
        assertThat(change.validate()).hasSize(1);
    }
}
