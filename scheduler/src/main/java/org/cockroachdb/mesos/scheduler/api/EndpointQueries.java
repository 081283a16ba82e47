package org.cockroachdb.mesos.scheduler.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code /v1/endpoints} and {@code /v1/endpoints/{name}}. */
final class EndpointQueries {

    private EndpointQueries() {
    }

    static Reply names(ServiceView view) {
        ArrayNode names = Reply.JSON.createArrayNode();
        view.endpoints().forEach(e -> names.add(e.name()));
        return Reply.json(names);
    }

    static Reply endpoint(ServiceView view, String name) {
        return view.endpoint(name)
                .map(e -> {
                    ObjectNode out = Reply.JSON.createObjectNode();
                    e.addresses().forEach(out.putArray("address")::add);
                    e.dns().forEach(out.putArray("dns")::add);
                    out.put("vip", e.vip());
                    return Reply.json(out);
                })
                .orElseGet(() -> Reply.text(404, "Endpoint " + name + " not found"));
    }
}
