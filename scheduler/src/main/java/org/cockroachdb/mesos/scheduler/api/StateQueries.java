package org.cockroachdb.mesos.scheduler.api;

import com.fasterxml.jackson.core.JsonProcessingException;

/** {@code /v1/configurations/target} and {@code /v1/state/frameworkId}. */
final class StateQueries {

    private StateQueries() {
    }

    static Reply targetConfiguration(ServiceView view) {
        return view.targetConfigJson()
                .map(json -> {
                    try {
                        return Reply.json(Reply.JSON.readTree(json));
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException("the target configuration in the view is not JSON", e);
                    }
                })
                .orElseGet(() -> Reply.text(404, "No target configuration"));
    }

    static Reply frameworkId(ServiceView view) {
        return view.frameworkId()
                .map(id -> Reply.json(Reply.JSON.createArrayNode().add(id)))
                .orElseGet(() -> Reply.text(404, "Not registered with Mesos yet"));
    }
}
