package org.cockroachdb.mesos.scheduler.offer;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mesos.v1.Protos;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

class AgentAttributesTest {

    @Test
    void attributesReadAsMesosPrintsThem() {
        Protos.Offer offer = OfferBuilder.agent("a1", "agent-1")
                .text("rack", "r1")
                .attribute(Protos.Attribute.newBuilder().setName("level").setType(Value.Type.SCALAR)
                        .setScalar(Value.Scalar.newBuilder().setValue(2.5)).build())
                .attribute(Protos.Attribute.newBuilder().setName("count").setType(Value.Type.SCALAR)
                        .setScalar(Value.Scalar.newBuilder().setValue(4)).build())
                .attribute(Protos.Attribute.newBuilder().setName("span").setType(Value.Type.RANGES)
                        .setRanges(Value.Ranges.newBuilder()
                                .addRange(Value.Range.newBuilder().setBegin(1).setEnd(10))
                                .addRange(Value.Range.newBuilder().setBegin(20).setEnd(30))).build())
                .attribute(Protos.Attribute.newBuilder().setName("disks").setType(Value.Type.SET)
                        .setSet(Value.Set.newBuilder().addItem("ssd").addItem("hdd")).build())
                .text("rack", "ignored: the first wins")
                .build();
        assertThat(AgentAttributes.of(offer)).containsExactly(
                org.assertj.core.api.Assertions.entry("rack", "r1"),
                org.assertj.core.api.Assertions.entry("level", "2.5"),
                org.assertj.core.api.Assertions.entry("count", "4"),
                org.assertj.core.api.Assertions.entry("span", "[1-10, 20-30]"),
                org.assertj.core.api.Assertions.entry("disks", "{ssd, hdd}"));
    }
}
