package org.cockroachdb.mesos.testkit.emulator.resources;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

class ResourcesInvalidityTest {

    @Test
    void wellFormedScalarsRangesAndSetsAreValid() {
        assertThat(Resources.invalidity(scalar("cpus", 0))).isNull();
        assertThat(Resources.invalidity(scalar("cpus", 1.5))).isNull();
        assertThat(Resources.invalidity(ranges("ports", 31000, 31009, 31011, 31020))).isNull();
        assertThat(Resources.invalidity(set("zones", "a", "b"))).isNull();
    }

    @Test
    void aNegativeScalarIsInvalidNamingTheResourceAndField() {
        assertThat(Resources.invalidity(scalar("cpus", -2)))
                .contains("'cpus'").contains("scalar.value").contains("-2.0");
    }

    @Test
    void aNanOrInfiniteScalarIsInvalid() {
        assertThat(Resources.invalidity(scalar("mem", Double.NaN))).contains("'mem'").contains("NaN");
        assertThat(Resources.invalidity(scalar("mem", Double.POSITIVE_INFINITY))).contains("Infinity");
    }

    @Test
    void anInvertedRangeIsInvalid() {
        assertThat(Resources.invalidity(ranges("ports", 31010, 31000)))
                .contains("'ports'").contains("begin > end").contains("[31010-31000]");
    }

    @Test
    void overlappingRangesAreInvalidInWhateverOrderTheyCome() {
        assertThat(Resources.invalidity(ranges("ports", 31005, 31020, 31000, 31005)))
                .contains("overlap").contains("[31000-31005]").contains("[31005-31020]");
    }

    @Test
    void aSetWithADuplicateItemIsInvalid() {
        assertThat(Resources.invalidity(set("zones", "a", "b", "a"))).contains("'zones'").contains("duplicates");
    }

    @Test
    void aValueFieldThatDoesNotMatchTheTypeIsInvalid() {
        Resource scalarWithRanges = scalar("cpus", 1).toBuilder()
                .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(1).setEnd(2))).build();
        Resource scalarWithoutValue = Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR).build();

        assertThat(Resources.invalidity(scalarWithRanges)).contains("'cpus'").contains("'scalar'");
        assertThat(Resources.invalidity(scalarWithoutValue)).contains("'cpus'").contains("'scalar'");
    }

    @Test
    void aResourceWithoutANameOrWithATextTypeIsInvalid() {
        assertThat(Resources.invalidity(scalar("", 1))).contains("'name'");
        assertThat(Resources.invalidity(Resource.newBuilder().setName("label").setType(Value.Type.TEXT).build()))
                .contains("'label'").contains("TEXT");
    }

    private static Resource scalar(String name, double value) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(value)).build();
    }

    private static Resource ranges(String name, long... bounds) {
        Value.Ranges.Builder r = Value.Ranges.newBuilder();
        for (int i = 0; i < bounds.length; i += 2) {
            r.addRange(Value.Range.newBuilder().setBegin(bounds[i]).setEnd(bounds[i + 1]));
        }
        return Resource.newBuilder().setName(name).setType(Value.Type.RANGES).setRanges(r).build();
    }

    private static Resource set(String name, String... items) {
        return Resource.newBuilder().setName(name).setType(Value.Type.SET)
                .setSet(Value.Set.newBuilder().addAllItem(java.util.List.of(items))).build();
    }
}
