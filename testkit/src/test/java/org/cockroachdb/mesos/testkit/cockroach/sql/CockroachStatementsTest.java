package org.cockroachdb.mesos.testkit.cockroach.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Backup;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Begin;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Commit;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.CreateDatabase;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.DropDatabase;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Malformed;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.NodeId;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Restore;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Rollback;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.RollbackToSavepoint;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.SetClusterSetting;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.SetVariable;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowBackups;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowClusterSetting;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowCreateTable;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowDatabases;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowTables;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowVariable;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Unsupported;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.UseDatabase;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Version;
import org.junit.jupiter.api.Test;

class CockroachStatementsTest {

    static CockroachStatement of(String sql) {
        return CockroachStatements.recognize(sql).orElseThrow(() -> new AssertionError("not recognized: " + sql));
    }

    @Test
    void caseWhitespaceCommentsAndTheTrailingSemicolonDoNotMatter() {
        assertThat(of("SELECT crdb_internal.node_id()")).isEqualTo(new NodeId());
        assertThat(of("\n select\tCRDB_INTERNAL . node_id ( ) ; ;")).isEqualTo(new NodeId());
        assertThat(of("/* who */ SELECT version() -- me\n")).isEqualTo(new Version());
    }

    @Test
    void clusterSettings() {
        assertThat(of("SHOW CLUSTER SETTING version")).isEqualTo(new ShowClusterSetting("version"));
        assertThat(of("show cluster setting cluster.preserve_downgrade_option;"))
                .isEqualTo(new ShowClusterSetting("cluster.preserve_downgrade_option"));
        assertThat(of("SET CLUSTER SETTING cluster.preserve_downgrade_option = '23.1'"))
                .isEqualTo(new SetClusterSetting("cluster.preserve_downgrade_option", Optional.of("23.1")));
        assertThat(of("SET CLUSTER SETTING kv.snapshot_rebalance.max_rate TO 64")).isEqualTo(
                new SetClusterSetting("kv.snapshot_rebalance.max_rate", Optional.of("64")));
        assertThat(of("SET CLUSTER SETTING server.remote_debugging.mode = DEFAULT"))
                .isEqualTo(new SetClusterSetting("server.remote_debugging.mode", Optional.empty()));
        assertThat(of("RESET CLUSTER SETTING cluster.preserve_downgrade_option"))
                .isEqualTo(new SetClusterSetting("cluster.preserve_downgrade_option", Optional.empty()));
        assertThat(of("SET CLUSTER SETTING version")).isInstanceOf(Malformed.class);
    }

    @Test
    void databases() {
        assertThat(of("CREATE DATABASE bank")).isEqualTo(new CreateDatabase("bank", false));
        assertThat(of("create database if not exists \"Bank\" ENCODING = 'UTF8'")).isEqualTo(new CreateDatabase("Bank", true));
        assertThat(of("DROP DATABASE bank")).isEqualTo(new DropDatabase("bank", false, false));
        assertThat(of("DROP DATABASE IF EXISTS bank CASCADE")).isEqualTo(new DropDatabase("bank", true, false));
        assertThat(of("DROP DATABASE bank RESTRICT")).isEqualTo(new DropDatabase("bank", false, true));
        assertThat(of("SHOW DATABASES")).isEqualTo(new ShowDatabases());
        assertThat(of("SHOW TABLES")).isEqualTo(new ShowTables(Optional.empty()));
        assertThat(of("SHOW TABLES FROM bank.public")).isEqualTo(new ShowTables(Optional.of("bank")));
        assertThat(of("SHOW CREATE TABLE bank.public.accounts")).isEqualTo(new ShowCreateTable("bank.public.accounts"));
        assertThat(of("USE bank")).isEqualTo(new UseDatabase("bank"));
        assertThat(of("SET database = bank")).isEqualTo(new UseDatabase("bank"));
        assertThat(of("SET DATABASE TO 'bank'")).isEqualTo(new UseDatabase("bank"));
        assertThat(CockroachStatements.recognize("CREATE TABLE t (id INT)")).isEmpty();
        assertThat(CockroachStatements.recognize("DROP TABLE t")).isEmpty();
    }

    @Test
    void sessionAndTransactionControl() {
        assertThat(of("SET application_name = 'x'")).isEqualTo(new SetVariable("application_name", "x"));
        assertThat(of("SET search_path TO public, other")).isEqualTo(new SetVariable("search_path", "public, other"));
        assertThat(of("SET TIME ZONE 'UTC'")).isEqualTo(new SetVariable("timezone", "UTC"));
        assertThat(of("RESET application_name")).isEqualTo(new SetVariable("application_name", "DEFAULT"));
        assertThat(of("SHOW application_name")).isEqualTo(new ShowVariable("application_name"));
        assertThat(of("SHOW TRANSACTION ISOLATION LEVEL")).isEqualTo(new ShowVariable("transaction_isolation"));
        assertThat(of("BEGIN")).isEqualTo(new Begin());
        assertThat(of("BEGIN TRANSACTION ISOLATION LEVEL SERIALIZABLE")).isEqualTo(new Begin());
        assertThat(of("START TRANSACTION")).isEqualTo(new Begin());
        assertThat(of("COMMIT TRANSACTION")).isEqualTo(new Commit());
        assertThat(of("END")).isEqualTo(new Commit());
        assertThat(of("ROLLBACK")).isEqualTo(new Rollback());
        assertThat(of("ABORT")).isEqualTo(new Rollback());
        assertThat(of("ROLLBACK TO SAVEPOINT cockroach_restart"))
                .isEqualTo(new RollbackToSavepoint("ROLLBACK TO SAVEPOINT cockroach_restart"));
        assertThat(CockroachStatements.recognize("SAVEPOINT cockroach_restart")).isEmpty();
    }

    @Test
    void backupAndRestoreInEverySyntax() {
        assertThat(of("BACKUP DATABASE bank INTO 's3://b/p?AWS_ACCESS_KEY_ID=a' AS OF SYSTEM TIME '-10s'"))
                .isEqualTo(new Backup("bank", "s3://b/p?AWS_ACCESS_KEY_ID=a", true, false));
        assertThat(of("BACKUP DATABASE bank TO 'nodelocal://1/x' WITH detached"))
                .isEqualTo(new Backup("bank", "nodelocal://1/x", false, true));
        assertThat(of("RESTORE DATABASE bank FROM LATEST IN 's3://b/p'"))
                .isEqualTo(new Restore("bank", "s3://b/p", Optional.of("LATEST"), false));
        assertThat(of("RESTORE DATABASE bank FROM '2021/03/23-213101.37' IN 's3://b/p' WITH OPTIONS (detached = true)"))
                .isEqualTo(new Restore("bank", "s3://b/p", Optional.of("2021/03/23-213101.37"), true));
        assertThat(of("RESTORE DATABASE bank FROM 's3://b/p'")).isEqualTo(new Restore("bank", "s3://b/p", Optional.empty(), false));
        assertThat(of("SHOW BACKUPS IN 's3://b/p'")).isEqualTo(new ShowBackups("s3://b/p"));
        assertThat(of("BACKUP INTO 's3://b/p'")).isInstanceOf(Unsupported.class);
        assertThat(of("BACKUP DATABASE a, b INTO 's3://b/p'")).isInstanceOf(Unsupported.class);
        assertThat(of("BACKUP DATABASE bank INTO LATEST IN 's3://b/p'")).isInstanceOf(Unsupported.class);
        assertThat(of("RESTORE TABLE bank.t FROM LATEST IN 's3://b/p'")).isInstanceOf(Unsupported.class);
        assertThat(of("BACKUP DATABASE bank INTO 's3://b/p' GARBAGE")).isEqualTo(new Malformed("GARBAGE"));
        assertThat(of("RESTORE DATABASE bank FROM")).isEqualTo(new Malformed("EOF"));
    }
}
