package org.cockroachdb.mesos.scheduler.offer;

import java.util.Objects;

/** Who we are when reserving: the framework's role and principal. */
public record ReservationOwner(String role, String principal) {

    public ReservationOwner {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(principal, "principal");
        if (role.isEmpty() || role.equals("*")) {
            throw new IllegalArgumentException("role: must be a named role (not empty or \"*\"), got \"" + role + "\"");
        }
        if (principal.isEmpty()) {
            throw new IllegalArgumentException("principal: must not be empty");
        }
    }
}
