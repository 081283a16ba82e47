package org.cockroachdb.mesos.http.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MasterInfoJsonTest {

    /** The example from the reference, as a 1.11 master writes it. */
    static final String REAL_MASTER_INFO = """
            {"address":{"hostname":"m1","ip":"10.0.0.1","port":5050},"hostname":"m1",\
            "id":"8d3f6e2a-1c4b-4f6e-9a57-0c1d2e3f4a5b","ip":16777226,"pid":"master@10.0.0.1:5050",\
            "port":5050,"version":"1.11.0","capabilities":[{"type":"AGENT_UPDATE"}]}""";

    @Test
    void realMasterInfoGivesTheAddressHostnameAndPort() {
        assertThat(parse(REAL_MASTER_INFO)).isEqualTo(URI.create("http://m1:5050"));
    }

    @Test
    void addressIpIsUsedWhenTheAddressHasNoHostname() {
        assertThat(parse("{\"address\":{\"ip\":\"10.0.0.2\",\"port\":5050},\"ip\":33554442}"))
                .isEqualTo(URI.create("http://10.0.0.2:5050"));
    }

    @Test
    void topLevelHostnameAndPortAreTheFirstFallback() {
        assertThat(parse("{\"hostname\":\"m3\",\"port\":5051,\"ip\":50331658,\"pid\":\"master@10.0.0.3:5050\"}"))
                .isEqualTo(URI.create("http://m3:5051"));
    }

    @Test
    void pidIsTheLastFallback() {
        assertThat(parse("{\"id\":\"x\",\"ip\":67108874,\"pid\":\"master@10.0.0.4:5050\"}"))
                .isEqualTo(URI.create("http://10.0.0.4:5050"));
    }

    @Test
    void incompleteAddressFallsThroughRatherThanGuessingAPort() {
        assertThat(parse("{\"address\":{\"hostname\":\"m5\"},\"hostname\":\"m5\",\"port\":5050}"))
                .isEqualTo(URI.create("http://m5:5050"));
    }

    @Test
    void ipv6AddressIsBracketed() {
        assertThat(parse("{\"address\":{\"ip\":\"fd00::1\",\"port\":5050}}")).isEqualTo(URI.create("http://[fd00::1]:5050"));
    }

    @Test
    void notJsonIsRejectedWithTheParserReason() {
        assertThatThrownBy(() -> parse("master@10.0.0.1:5050"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("MasterInfo is not valid JSON: ");
    }

    @Test
    void jsonWithoutAnyAddressIsRejectedNamingTheAcceptedFields() {
        assertThatThrownBy(() -> parse("{\"id\":\"x\",\"ip\":16777226}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("address.hostname|ip + address.port, hostname + port, or pid");
    }

    @Test
    void malformedPidIsRejected() {
        assertThatThrownBy(() -> parse("{\"pid\":\"10.0.0.1\"}")).hasMessageContaining("master@ip:port");
    }

    private static URI parse(String json) {
        return MasterInfoJson.baseUri(json.getBytes(StandardCharsets.UTF_8));
    }
}
