package org.cockroachdb.mesos.scheduler.offer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos;
import org.cockroachdb.mesos.scheduler.config.PlacementRule;

/** An agent's attributes as text, printed the way Mesos prints them, and the value a placement field reads. */
public final class AgentAttributes {

    private AgentAttributes() {}

    /** name -&gt; text, in offer order (the first of a repeated name wins, as in Marathon). */
    public static Map<String, String> of(Protos.Offer offer) {
        Map<String, String> text = new LinkedHashMap<>();
        for (Protos.Attribute attribute : offer.getAttributesList()) {
            text.putIfAbsent(attribute.getName(), text(attribute));
        }
        return text;
    }

    /** TEXT as is; SCALAR plainly ("1.5", "3"); RANGES "[1-10, 20-30]"; SET "{a, b}". */
    public static String text(Protos.Attribute attribute) {
        return switch (attribute.getType()) {
            case TEXT -> attribute.getText().getValue();
            case SCALAR -> Amounts.plain(attribute.getScalar().getValue());
            case RANGES -> attribute.getRanges().getRangeList().stream()
                    .map(r -> r.getBegin() + "-" + r.getEnd())
                    .collect(Collectors.joining(", ", "[", "]"));
            case SET -> String.join(", ", attribute.getSet().getItemList())
                    .transform(items -> "{" + items + "}");
        };
    }

    /** The value a rule's field has on an offered agent, without building the whole map. */
    static Optional<String> value(String field, Protos.Offer offer) {
        if (PlacementRule.HOSTNAME.equals(field)) {
            return Optional.of(offer.getHostname());
        }
        for (Protos.Attribute attribute : offer.getAttributesList()) {
            if (attribute.getName().equals(field)) {
                return Optional.of(text(attribute));
            }
        }
        return Optional.empty();
    }

    /** The value a rule's field has on an agent: its hostname, or the attribute's text if it has it. */
    static Optional<String> value(String field, String hostname, Map<String, String> attributes) {
        return PlacementRule.HOSTNAME.equals(field)
                ? Optional.of(hostname)
                : Optional.ofNullable(attributes.get(field));
    }
}
