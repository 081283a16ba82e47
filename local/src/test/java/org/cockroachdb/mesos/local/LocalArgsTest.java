package org.cockroachdb.mesos.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalArgsTest {

    @Test
    void defaultsAreThreeAgentsThreeNodesAndATempDir() {
        assertThat(LocalArgs.parse(new String[0])).isEqualTo(new LocalArgs(3, 3, Optional.empty(), false, false));
    }

    @Test
    void readsEveryOption() {
        assertThat(LocalArgs.parse(new String[] {"--agents", "5", "--nodes", "4", "--work-dir", "/x", "--keep", "--fast"}))
                .isEqualTo(new LocalArgs(5, 4, Optional.of(Path.of("/x")), true, true));
    }

    @Test
    void anOptionsFileTakesTheNodeCountsPlace() {
        assertThat(LocalArgs.parse(new String[] {"--agents", "1", "--options", "crdb.json"}))
                .isEqualTo(new LocalArgs(1, 3, Optional.empty(), false, false, Optional.of(Path.of("crdb.json"))));
        assertThatThrownBy(() -> LocalArgs.parse(new String[] {"--options", "crdb.json", "--nodes", "3"}))
                .hasMessage("--nodes and --options together: set node.count in the options file");
        assertThatThrownBy(() -> LocalArgs.parse(new String[] {"--options"})).hasMessage("--options needs a value");
    }

    @Test
    void badInputIsOneLineNamingTheOption() {
        assertThatThrownBy(() -> LocalArgs.parse(new String[] {"--bogus"})).hasMessageStartingWith("unknown option '--bogus'");
        assertThatThrownBy(() -> LocalArgs.parse(new String[] {"--agents", "0"}))
                .hasMessage("--agents must be a whole number from 1 to 200, got '0'");
        assertThatThrownBy(() -> LocalArgs.parse(new String[] {"--nodes"})).hasMessage("--nodes needs a value");
        assertThatThrownBy(() -> LocalArgs.parse(new String[] {"--agents", "2", "--nodes", "3"}))
                .hasMessageStartingWith("--nodes (3) must not exceed --agents (2)");
    }
}
