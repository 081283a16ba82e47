package org.cockroachdb.mesos.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceConfigErrorsTest {

    private static List<String> errorsOf(Map<String, String> env) {
        ServiceConfig.Parsed parsed = ServiceConfig.parse(env);
        assertThat(parsed).isInstanceOf(ServiceConfig.Parsed.Invalid.class);
        return ((ServiceConfig.Parsed.Invalid) parsed).errors();
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "FRAMEWORK_NAME           ; Cockroach_DB          ; lowercase letters, digits and '-'",
        "FRAMEWORK_USER           ; Nobody Here           ; Unix user name",
        "FRAMEWORK_PRINCIPAL      ; my principal          ; without spaces",
        "NODE_COUNT               ; 0                     ; from 1 to 100",
        "NODE_COUNT               ; 101                   ; from 1 to 100",
        "NODE_COUNT               ; three                 ; from 1 to 100",
        "NODE_CPUS                ; 0                     ; greater than 0 and at most 64",
        "NODE_CPUS                ; 65                    ; greater than 0 and at most 64",
        "NODE_CPUS                ; lots                  ; greater than 0 and at most 64",
        "NODE_MEM                 ; 512                   ; from 1024",
        "NODE_DISK                ; 100                   ; from 1024",
        "NODE_DISK_TYPE           ; NFS                   ; one of ROOT|MOUNT",
        "NODE_PLACEMENT           ; hostname:UNIQUE       ; not valid JSON",
        "NODE_PLACEMENT           ; [[\"hostname\",\"NEAR\"]] ; unknown operator 'NEAR'",
        "COCKROACH_VERSION        ; 23.1.11               ; vMAJOR.MINOR.PATCH",
        "COCKROACH_VERSION        ; v2.0.7                ; v2.1.0 or newer",
        "COCKROACH_URI            ; ftp://example.org/c.tgz ; http://, https:// or file://",
        "COCKROACH_CACHE_SIZE     ; 90%                   ; from 1% to 80%",
        "COCKROACH_CACHE_SIZE     ; .9                    ; fraction from .01 to .80",
        "COCKROACH_CACHE_SIZE     ; 1 gallon              ; size such as 512MiB or 1GiB",
        "COCKROACH_MAX_SQL_MEMORY ; 0%                    ; from 1% to 80%",
        "COCKROACH_PG_PORT        ; 0                     ; from 1 to 65535",
        "COCKROACH_HTTP_PORT      ; 70000                 ; from 1 to 65535",
        "EXECUTOR_URI             ; executor.tgz          ; http://, https:// or file://",
        "JAVA_URI                 ; s3://bucket/jre.tgz   ; http://, https:// or file://",
        "PORT_API                 ; -1                    ; from 0 to 65535",
        "MESOS_MASTER             ; master.mesos:5050     ; zk://host:port",
        "MESOS_MASTER             ; zk://master.mesos:2181 ; zk://host:port",
        "ZOOKEEPER                ; master.mesos          ; host:port",
        "FAILOVER_TIMEOUT_SECONDS ; 0                     ; whole number from 1",
        "AUTO_FINALIZE_UPGRADE    ; yes                   ; true or false",
        "AUTO_FINALIZE_UPGRADE    ; TRUE                  ; true or false",
        "REPLACE_AFTER_SECONDS    ; -5                    ; whole number from 0",
    })
    void badValueErrorNamesTheVariableTheValueAndWhatIsAccepted(String variable, String value, String accepted) {
        List<String> errors = errorsOf(Map.of(variable, value));

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0))
                .startsWith(variable + "='" + value + "' is invalid: ")
                .contains(accepted)
                .doesNotContain("\n");
    }

    @Test
    void severalBadValuesAreAllReportedAtOnce() {
        List<String> errors = errorsOf(Map.of(
                "NODE_COUNT", "0",
                "NODE_MEM", "lots",
                "NODE_DISK_TYPE", "SSD",
                "COCKROACH_VERSION", "latest",
                "AUTO_FINALIZE_UPGRADE", "1"));

        assertThat(errors).hasSize(5);
        assertThat(errors).anyMatch(e -> e.startsWith("NODE_COUNT="))
                .anyMatch(e -> e.startsWith("NODE_MEM="))
                .anyMatch(e -> e.startsWith("NODE_DISK_TYPE="))
                .anyMatch(e -> e.startsWith("COCKROACH_VERSION="))
                .anyMatch(e -> e.startsWith("AUTO_FINALIZE_UPGRADE="));
    }

    @Test
    void equalPgAndHttpPortsAreRefused() {
        List<String> errors = errorsOf(Map.of("COCKROACH_PG_PORT", "8123"));

        assertThat(errors).singleElement().asString()
                .startsWith("COCKROACH_HTTP_PORT=(default) is invalid")
                .contains("must differ from COCKROACH_PG_PORT (8123)");
    }

    @Test
    void aRefusedPortIsNotComparedWithTheOther() {
        List<String> errors = errorsOf(Map.of("COCKROACH_PG_PORT", "x", "COCKROACH_HTTP_PORT", "26257"));

        assertThat(errors).singleElement().asString().startsWith("COCKROACH_PG_PORT=");
    }
}
