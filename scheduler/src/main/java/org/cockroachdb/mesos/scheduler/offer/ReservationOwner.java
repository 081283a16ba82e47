package org.cockroachdb.mesos.scheduler.offer;
public record ReservationOwner(String role, String principal) {}
