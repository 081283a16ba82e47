package org.cockroachdb.mesos.scheduler.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reservations of ours that no stored task names any more, read from the loop's properties: a pod
 * a scale-down forgot whose reservations are not released yet ({@code decommission:*} in
 * UNRESERVING), and the agent a replaced pod left ({@code replacing:*}). Pure.
 */
public final class ForgottenReservations {

    /** Resource ids (reservation ids and volume persistence ids) of ours on one agent. */
    public record OnAgent(String agentId, Set<String> resourceIds) {
        public OnAgent {
            resourceIds = Set.copyOf(resourceIds);
        }
    }

    private ForgottenReservations() {
    }

    public static List<OnAgent> of(Map<String, String> properties) {
        List<OnAgent> out = new ArrayList<>();
        properties.forEach((key, value) -> {
            if (key.startsWith(Decommissions.PROPERTY_PREFIX)) {
                DecommissionRecord record = DecommissionRecord.decode(value);
                if (record.stage() == DecommissionRecord.Stage.UNRESERVING && record.agentId().isPresent()
                        && !record.resourceIds().isEmpty()) {
                    out.add(new OnAgent(record.agentId().get(), Set.copyOf(record.resourceIds())));
                }
            } else if (key.startsWith(SchedulerLoop.REPLACING_PROPERTY_PREFIX)) {
                ReplaceIntent intent = ReplaceIntent.decode(value);
                if (!intent.resourceIds().isEmpty()) {
                    out.add(new OnAgent(intent.agentId(), Set.copyOf(intent.resourceIds())));
                }
            }
        });
        return List.copyOf(out);
    }
}
