package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer.Kind;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer.Token;

/** The CommandComplete tag CockroachDB sends for a statement H2 ran, from the statement's leading words. */
final class CommandTags {
    /** Words between CREATE/DROP/ALTER and the kind of object that are not part of the tag. */
    private static final Set<String> MODIFIERS =
            Set.of("UNIQUE", "TEMP", "TEMPORARY", "LOCAL", "GLOBAL", "OR", "REPLACE", "MATERIALIZED", "UNLOGGED", "INVERTED");

    private CommandTags() {}

    /**
     * @param sql       the statement as the client sent it
     * @param rows      whether it produced a result set
     * @param count     rows returned, or rows affected
     */
    static String of(String sql, boolean rows, long count) {
        List<Token> words = SqlLexer.significant(SqlLexer.tokens(sql));
        String first = words.isEmpty() || words.get(0).kind() != Kind.WORD ? "" : upper(words.get(0));
        if (rows) {
            return switch (first) {
                case "EXPLAIN", "SHOW", "CALL" -> first;
                case "INSERT", "UPSERT" -> "INSERT 0 " + count; // ... RETURNING
                case "UPDATE", "DELETE" -> first + " " + count;
                default -> "SELECT " + count;
            };
        }
        return switch (first) {
            case "INSERT", "UPSERT", "MERGE" -> "INSERT 0 " + count;
            case "UPDATE", "DELETE" -> first + " " + count;
            case "SELECT", "VALUES", "TABLE", "WITH" -> "SELECT " + count;
            case "CREATE", "DROP", "ALTER" -> first + objectKind(words);
            case "START" -> "BEGIN";
            case "END" -> "COMMIT";
            case "ABORT" -> "ROLLBACK";
            case "" -> "";
            default -> first;
        };
    }

    /** " TABLE" for CREATE TABLE, " INDEX" for CREATE UNIQUE INDEX, ... */
    private static String objectKind(List<Token> words) {
        for (int i = 1; i < words.size(); i++) {
            Token t = words.get(i);
            if (t.kind() != Kind.WORD) {
                break;
            }
            String w = upper(t);
            if (!MODIFIERS.contains(w)) {
                return " " + w;
            }
        }
        return "";
    }

    private static String upper(Token t) {
        return t.text().toUpperCase(Locale.ROOT);
    }
}
