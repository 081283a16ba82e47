package org.cockroachdb.mesos.testkit.cockroach.sql;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandTagsTest {

    @Test
    void tagsComeFromTheLeadingWordsAndTheCount() {
        assertThat(CommandTags.of("insert into t values (1)", false, 1)).isEqualTo("INSERT 0 1");
        assertThat(CommandTags.of("UPSERT INTO t VALUES (1)", false, 3)).isEqualTo("INSERT 0 3");
        assertThat(CommandTags.of("UPDATE t SET v = 1", false, 0)).isEqualTo("UPDATE 0");
        assertThat(CommandTags.of("DELETE FROM t", false, 7)).isEqualTo("DELETE 7");
        assertThat(CommandTags.of("SELECT 1", true, 1)).isEqualTo("SELECT 1");
        assertThat(CommandTags.of("WITH x AS (SELECT 1) SELECT * FROM x", true, 1)).isEqualTo("SELECT 1");
        assertThat(CommandTags.of("CREATE UNIQUE INDEX i ON t (v)", false, 0)).isEqualTo("CREATE INDEX");
        assertThat(CommandTags.of("CREATE TABLE IF NOT EXISTS t (v INT)", false, 0)).isEqualTo("CREATE TABLE");
        assertThat(CommandTags.of("CREATE OR REPLACE VIEW v AS SELECT 1", false, 0)).isEqualTo("CREATE VIEW");
        assertThat(CommandTags.of("DROP TABLE t", false, 0)).isEqualTo("DROP TABLE");
        assertThat(CommandTags.of("ALTER TABLE t ADD COLUMN v INT", false, 0)).isEqualTo("ALTER TABLE");
        assertThat(CommandTags.of("SAVEPOINT cockroach_restart", false, 0)).isEqualTo("SAVEPOINT");
        assertThat(CommandTags.of("RELEASE SAVEPOINT cockroach_restart", false, 0)).isEqualTo("RELEASE");
        assertThat(CommandTags.of("EXPLAIN SELECT 1", true, 4)).isEqualTo("EXPLAIN");
    }
}
