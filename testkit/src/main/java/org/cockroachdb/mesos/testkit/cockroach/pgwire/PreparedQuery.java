package org.cockroachdb.mesos.testkit.cockroach.pgwire;

import java.util.List;

/**
 * A statement made by Parse: its text (empty for an empty query) and one type OID per parameter,
 * as declared by the client, 0 where it left the type open.
 */
record PreparedQuery(String sql, List<Integer> parameterTypes) {
    PreparedQuery {
        parameterTypes = List.copyOf(parameterTypes);
    }

    boolean isEmpty() {
        return sql.isEmpty();
    }

    /** ParameterDescription's view: an open type is reported as text, which every value can be sent as. */
    List<Integer> describedParameterTypes() {
        return parameterTypes.stream().map(t -> t == TypeOid.UNSPECIFIED ? TypeOid.TEXT : t).toList();
    }
}
