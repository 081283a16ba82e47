package org.cockroachdb.mesos.scheduler.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlacementRulesTest {

    private static List<PlacementRule> rulesOf(String json) {
        Reading<List<PlacementRule>> reading = PlacementRules.read(json);
        assertThat(reading).isInstanceOf(Reading.Ok.class);
        return ((Reading.Ok<List<PlacementRule>>) reading).value();
    }

    private static String refusalOf(String json) {
        Reading<List<PlacementRule>> reading = PlacementRules.read(json);
        assertThat(reading).isInstanceOf(Reading.Refused.class);
        return ((Reading.Refused<List<PlacementRule>>) reading).why();
    }

    @Test
    void everyOperatorParsesIntoItsTypedRule() {
        List<PlacementRule> rules = rulesOf("""
                [["hostname","UNIQUE"],
                 ["rack","LIKE","rack-[1-3]"],
                 ["hostname","UNLIKE","10\\\\.0\\\\.0\\\\.9"],
                 ["zone","MAX_PER","2"],
                 ["zone","GROUP_BY"],
                 ["region","GROUP_BY",3],
                 ["dc","CLUSTER","east"]]
                """);

        assertThat(rules).containsExactly(
                new PlacementRule.Unique("hostname"),
                new PlacementRule.Like("rack", "rack-[1-3]"),
                new PlacementRule.Unlike("hostname", "10\\.0\\.0\\.9"),
                new PlacementRule.MaxPer("zone", 2),
                new PlacementRule.GroupBy("zone", 0),
                new PlacementRule.GroupBy("region", 3),
                new PlacementRule.Cluster("dc", "east"));
        assertThat(rules.get(0).onHostname()).isTrue();
        assertThat(rules.get(1).onHostname()).isFalse();
        assertThat(((PlacementRule.Like) rules.get(1)).pattern().matcher("rack-2").matches()).isTrue();
    }

    @Test
    void emptyArrayMeansNoRules() {
        assertThat(rulesOf("[]")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "[[\"hostname\",\"UNIQUE\"] ; not valid JSON",
        "{\"hostname\":\"UNIQUE\"}  ; expected a JSON array",
        "[\"hostname\",\"UNIQUE\"]  ; not a [field, operator(, value)] array",
        "[[\"hostname\"]]           ; not a [field, operator(, value)] array",
        "[[\"hostname\",\"NEAR\"]]  ; unknown operator 'NEAR'",
        "[[\"hostname\",\"UNIQUE\",\"x\"]] ; UNIQUE takes no value",
        "[[\"rack\",\"LIKE\"]]      ; need a regular expression",
        "[[\"rack\",\"LIKE\",\"[\"]] ; is not a regular expression",
        "[[\"zone\",\"MAX_PER\",\"0\"]] ; MAX_PER needs a whole number >= 1",
        "[[\"zone\",\"GROUP_BY\",\"x\"]] ; GROUP_BY needs a whole number >= 1",
        "[[\"dc\",\"CLUSTER\"]]     ; CLUSTER needs a value",
        "[[\"host name\",\"UNIQUE\"]] ; is not hostname or an attribute name",
        "[[\"hostname\",[\"UNIQUE\"]]] ; parts must be strings",
    })
    void badConstraintIsRefusedWithTheReasonAndTheAcceptedForm(String json, String reason) {
        assertThat(refusalOf(json)).contains(reason).contains("UNIQUE, LIKE <regex>, UNLIKE <regex>");
    }

    @Test
    void badPlacementErrorNamesNodePlacement() {
        ServiceConfig.Parsed parsed = ServiceConfig.parse(Map.of("NODE_PLACEMENT", "[[\"hostname\",\"NEAR\"]]"));

        assertThat(((ServiceConfig.Parsed.Invalid) parsed).errors()).singleElement().asString()
                .startsWith("NODE_PLACEMENT='[[\"hostname\",\"NEAR\"]]' is invalid: ")
                .contains("unknown operator 'NEAR'");
    }
}
