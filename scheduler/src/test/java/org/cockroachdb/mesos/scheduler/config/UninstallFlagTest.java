package org.cockroachdb.mesos.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class UninstallFlagTest {

    @Test
    void unsetOrBlankMeansNoUninstall() {
        assertThat(UninstallFlag.parse(Map.of())).isEqualTo(new UninstallFlag.Parsed.Valid(false));
        assertThat(UninstallFlag.parse(Map.of("SDK_UNINSTALL", " "))).isEqualTo(new UninstallFlag.Parsed.Valid(false));
    }

    @Test
    void acceptsExactlyTrueOrFalse() {
        assertThat(UninstallFlag.parse(Map.of("SDK_UNINSTALL", "true"))).isEqualTo(new UninstallFlag.Parsed.Valid(true));
        assertThat(UninstallFlag.parse(Map.of("SDK_UNINSTALL", " true\n")))
                .isEqualTo(new UninstallFlag.Parsed.Valid(true));
        assertThat(UninstallFlag.parse(Map.of("SDK_UNINSTALL", "false")))
                .isEqualTo(new UninstallFlag.Parsed.Valid(false));
    }

    @Test
    void anythingElseIsOneLineNamingTheVariableAndWhatIsAccepted() {
        assertThat(UninstallFlag.parse(Map.of("SDK_UNINSTALL", "TRUE")))
                .isEqualTo(new UninstallFlag.Parsed.Invalid("SDK_UNINSTALL='TRUE' is invalid: expected true or false"));
        assertThat(UninstallFlag.parse(Map.of("SDK_UNINSTALL", "1\nyes")))
                .isEqualTo(new UninstallFlag.Parsed.Invalid("SDK_UNINSTALL='1 yes' is invalid: expected true or false"));
    }
}
