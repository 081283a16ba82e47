package org.cockroachdb.mesos.scheduler.config;

import java.util.regex.Pattern;

/**
 * One Marathon-style placement constraint, e.g. {@code ["hostname","UNIQUE"]} or
 * {@code ["rack","LIKE","rack-[1-3]"]}. The field is {@code hostname} or an agent attribute name.
 * Regular expressions are kept as text so that rules compare by value; they are known to compile.
 */
public sealed interface PlacementRule {

    /** The agent property the rule looks at: "hostname" or an attribute name. */
    String field();

    default boolean onHostname() {
        return HOSTNAME.equals(field());
    }

    String HOSTNAME = "hostname";

    /** At most one node per distinct value of the field. */
    record Unique(String field) implements PlacementRule {}

    /** Only agents whose field value fully matches the regex. */
    record Like(String field, String regex) implements PlacementRule {
        public Pattern pattern() {
            return Pattern.compile(regex);
        }
    }

    /** Only agents whose field value does not fully match the regex. */
    record Unlike(String field, String regex) implements PlacementRule {
        public Pattern pattern() {
            return Pattern.compile(regex);
        }
    }

    /** At most {@code max} nodes per distinct value of the field. */
    record MaxPer(String field, int max) implements PlacementRule {}

    /**
     * Spread evenly over the field's values; {@code groups} is the expected number of distinct values,
     * 0 when not given (then the values seen in offers count).
     */
    record GroupBy(String field, int groups) implements PlacementRule {}

    /** Only agents whose field equals the value. */
    record Cluster(String field, String value) implements PlacementRule {}
}
