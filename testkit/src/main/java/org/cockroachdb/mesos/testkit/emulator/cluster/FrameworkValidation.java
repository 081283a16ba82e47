package org.cockroachdb.mesos.testkit.emulator.cluster;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/** The master's FrameworkInfo checks; a failure is reported on the stream, not as a 4xx. */
final class FrameworkValidation {
    private FrameworkValidation() {}

    @SuppressWarnings("deprecation") // validating the legacy FrameworkInfo.role is part of the job
    static String invalidity(FrameworkInfo info, List<String> suppressedRoles) {
        boolean multiRole = info.getCapabilitiesList().stream()
                .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.MULTI_ROLE);
        List<String> roles;
        if (multiRole) {
            if (info.hasRole()) {
                return "'FrameworkInfo.role' must not be set when the framework is MULTI_ROLE capable";
            }
            roles = info.getRolesList();
        } else {
            if (info.getRolesCount() > 0) {
                return "'FrameworkInfo.roles' must not be set when the framework is not MULTI_ROLE capable";
            }
            roles = List.of(info.hasRole() ? info.getRole() : "*");
        }
        Set<String> seen = new HashSet<>();
        for (String role : roles) {
            String bad = roleInvalidity(role);
            if (bad != null) {
                return bad;
            }
            if (!seen.add(role)) {
                return "'FrameworkInfo.roles' contains duplicate role '" + role + "'";
            }
        }
        for (String s : suppressedRoles) {
            if (!seen.contains(s)) {
                return "Suppressed role '" + s + "' is not contained in the list of roles";
            }
        }
        if (info.hasFailoverTimeout() && (info.getFailoverTimeout() < 0 || Double.isNaN(info.getFailoverTimeout()))) {
            return "Invalid 'FrameworkInfo.failover_timeout': " + info.getFailoverTimeout();
        }
        return null;
    }

    /** Mesos role names: a path of components, none empty, '.', '..', starting with '-', or with spaces. */
    static String roleInvalidity(String role) {
        if (role.equals("*")) {
            return null;
        }
        if (role.isEmpty()) {
            return "Role name cannot be empty";
        }
        if (role.startsWith("/") || role.endsWith("/")) {
            return "Role '" + role + "' cannot start or end with '/'";
        }
        for (String part : role.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.startsWith("-") || part.equals("*")) {
                return "Role '" + role + "' has an invalid component '" + part + "'";
            }
            for (char c : part.toCharArray()) {
                if (Character.isWhitespace(c) || Character.isISOControl(c) || c == '\\') {
                    return "Role '" + role + "' contains an invalid character";
                }
            }
        }
        return null;
    }
}
