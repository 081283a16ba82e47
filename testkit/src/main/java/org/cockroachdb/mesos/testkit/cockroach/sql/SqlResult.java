package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.List;

/**
 * The outcome of one statement: columns and rows in PostgreSQL text format (null for SQL NULL),
 * or none, plus the command tag the wire protocol reports ({@code SELECT 2}, {@code INSERT 0 1}).
 */
public record SqlResult(List<Column> columns, List<List<String>> rows, String commandTag) {

    /** A column: its name and PostgreSQL type OID (23 int4, 20 int8, 25 text, 16 bool, 701 float8, ...). */
    public record Column(String name, int typeOid) {}

    public SqlResult {
        columns = List.copyOf(columns);
        rows = rows.stream().map(r -> java.util.Collections.unmodifiableList(new java.util.ArrayList<>(r))).toList();
    }

    public static SqlResult command(String tag) {
        return new SqlResult(List.of(), List.of(), tag);
    }

    public boolean returnsRows() {
        return !columns.isEmpty();
    }
}
