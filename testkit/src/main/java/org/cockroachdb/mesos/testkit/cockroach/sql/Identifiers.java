package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** SQL names as CockroachDB prints them: bare when that reads back the same, double-quoted otherwise. */
final class Identifiers {
    private static final Pattern BARE = Pattern.compile("[a-z_][a-z0-9_]*");
    /** Reserved in PostgreSQL, CockroachDB or H2: a bare name spelled like one would not parse as a name. */
    private static final Set<String> RESERVED = Set.of(
            "all", "and", "any", "array", "as", "asc", "asymmetric", "authorization", "between", "both", "case",
            "cast", "check", "collate", "column", "constraint", "create", "cross", "current_catalog", "current_date",
            "current_path", "current_role", "current_schema", "current_time", "current_timestamp", "current_user",
            "day", "default", "deferrable", "desc", "distinct", "do", "else", "end", "except", "exists", "false",
            "family", "fetch", "for", "foreign", "from", "full", "grant", "group", "groups", "having", "hour", "if",
            "ilike", "in", "index", "inner", "intersect", "interval", "into", "is", "join", "key", "lateral",
            "leading", "left", "like", "limit", "localtime", "localtimestamp", "minus", "minute", "month", "natural",
            "not", "null", "offset", "on", "only", "or", "order", "over", "partition", "placing", "primary",
            "qualify", "range", "references", "regexp", "returning", "right", "row", "rownum", "rows", "second",
            "select", "session_user", "set", "some", "symmetric", "system_user", "table", "then", "to", "top",
            "trailing", "true", "uescape", "union", "unique", "unknown", "user", "using", "value", "values", "when",
            "where", "window", "with", "year", "_rowid_");

    private Identifiers() {}

    static String quote(String name) {
        if (BARE.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
            return name;
        }
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
