package org.cockroachdb.mesos.scheduler.api;
import java.util.List;
public record EndpointView(String name, List<String> addresses, List<String> dns, String vip) {}
