package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer.Kind;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer.Token;

/**
 * Rewrites a CockroachDB statement into what H2 (PostgreSQL mode) runs with the same meaning:
 * {@code $n} parameters, {@code E'...'} literals, CockroachDB type names ({@code INT} is 64-bit,
 * {@code STRING}, {@code BYTES}, {@code TIMESTAMPTZ}, {@code JSONB}, {@code SERIAL}), {@code UPSERT},
 * and the parts of {@code CREATE TABLE} that only CockroachDB has (inline {@code INDEX}, {@code FAMILY},
 * a primary key constraint called {@code "primary"}, {@code STORED}/{@code VIRTUAL} of a computed
 * column). Anything it does not know passes through.
 */
final class CockroachToH2 {

    /** What the caller must know to bind parameters the way CockroachDB would read them. */
    enum ParameterHint {
        /** The parameter was cast to BYTES: its text is PostgreSQL bytea input ({@code \x0a1b}). */
        BYTES
    }

    record Translation(List<String> statements, Map<Integer, ParameterHint> parameterHints) {}

    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("INT", "BIGINT"),
            Map.entry("INTEGER", "BIGINT"),
            Map.entry("INT8", "BIGINT"),
            Map.entry("INT64", "BIGINT"),
            Map.entry("INT4", "INTEGER"),
            Map.entry("INT2", "SMALLINT"),
            Map.entry("SERIAL", "BIGINT"),
            Map.entry("SERIAL2", "BIGINT"),
            Map.entry("SERIAL4", "BIGINT"),
            Map.entry("SERIAL8", "BIGINT"),
            Map.entry("SMALLSERIAL", "BIGINT"),
            Map.entry("BIGSERIAL", "BIGINT"),
            Map.entry("STRING", "CHARACTER VARYING"),
            Map.entry("TEXT", "CHARACTER VARYING"),
            Map.entry("BYTES", "BINARY VARYING"),
            Map.entry("BYTEA", "BINARY VARYING"),
            Map.entry("BLOB", "BINARY VARYING"),
            Map.entry("FLOAT", "DOUBLE PRECISION"),
            Map.entry("FLOAT8", "DOUBLE PRECISION"),
            Map.entry("FLOAT4", "REAL"),
            Map.entry("BOOL", "BOOLEAN"),
            Map.entry("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE"),
            Map.entry("TIMETZ", "TIME WITH TIME ZONE"),
            Map.entry("JSONB", "JSON"));
    /** CockroachDB's serial types are INT8 columns filled by unique_rowid() (serial_normalization=rowid). */
    private static final Set<String> SERIALS = Set.of("SERIAL", "SERIAL2", "SERIAL4", "SERIAL8", "SMALLSERIAL", "BIGSERIAL");
    private static final Set<String> TABLE_ELEMENT_KEYWORDS =
            Set.of("CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN", "INDEX", "FAMILY", "LIKE", "INVERTED", "EXCLUDE");

    private final List<Token> all;
    private final String[] out;
    /** Indexes into {@link #all} of the significant tokens. */
    private final List<Integer> sig = new ArrayList<>();
    private final List<String> extraStatements = new ArrayList<>();
    private final Map<Integer, ParameterHint> hints = new HashMap<>();

    private CockroachToH2(String sql) {
        all = SqlLexer.tokens(sql);
        out = new String[all.size()];
        for (int i = 0; i < all.size(); i++) {
            out[i] = all.get(i).text();
            if (all.get(i).significant()) {
                sig.add(i);
            }
        }
    }

    static Translation translate(String sql) {
        CockroachToH2 t = new CockroachToH2(sql);
        t.run();
        List<String> statements = new ArrayList<>();
        statements.add(t.returning());
        statements.addAll(t.extraStatements);
        return new Translation(List.copyOf(statements), Map.copyOf(t.hints));
    }

    private void run() {
        if (sig.isEmpty()) {
            return;
        }
        if (tok(0).isWord("UPSERT")) {
            set(0, "MERGE"); // H2's MERGE INTO ... VALUES keys on the primary key, as UPSERT does
        }
        if (tok(0).isWord("TRUNCATE") && sig.size() > 1 && !tok(1).isWord("TABLE")) {
            set(0, "TRUNCATE TABLE"); // PostgreSQL's TABLE is optional, H2's is not
        }
        if (isDataChange()) {
            onConflictDoNothing();
        }
        if (tok(0).isWord("CREATE")) {
            createTable();
        } else if (tok(0).isWord("ALTER") && sig.size() > 1 && tok(1).isWord("TABLE")) {
            alterTable();
        }
        for (int s = 0; s < sig.size(); s++) {
            Token t = tok(s);
            switch (t.kind()) {
                case PARAMETER -> {
                    if (out[sig.get(s)].startsWith("$")) {
                        set(s, "?" + t.text().substring(1));
                    }
                }
                case ESCAPE_STRING -> set(s, Identifiers.literal(t.stringValue()));
                case SYMBOL -> {
                    if (t.text().equals("::") && s + 1 < sig.size()) {
                        cast(s);
                    }
                }
                case WORD -> {
                    if (t.isWord("CAST") && s + 1 < sig.size() && tok(s + 1).isSymbol("(")) {
                        castFunction(s + 1);
                    } else if (s + 1 < sig.size() && tok(s + 1).kind() == Kind.STRING && TYPES.containsKey(upper(t))
                            && (s == 0 || !tok(s - 1).isSymbol("::"))) {
                        // A typed literal such as TIMESTAMPTZ '2020-01-01 00:00:00+00' or JSONB '{}'.
                        set(s, upper(t).equals("JSONB") ? "JSON" : TYPES.get(upper(t)));
                    }
                }
                default -> { }
            }
        }
    }

    // ---------------------------------------------------------------- INSERT / UPDATE / DELETE

    private boolean isDataChange() {
        return tok(0).isWord("INSERT") || tok(0).isWord("UPSERT") || tok(0).isWord("UPDATE") || tok(0).isWord("DELETE");
    }

    /** H2 takes {@code ON CONFLICT DO NOTHING} but not with a conflict target; any conflict means the same here. */
    private void onConflictDoNothing() {
        for (int s = 1; s + 2 < sig.size(); s++) {
            if (tok(s).isWord("ON") && tok(s + 1).isWord("CONFLICT") && tok(s + 2).isSymbol("(")) {
                int close = s + 2;
                while (close < sig.size() && !tok(close).isSymbol(")")) {
                    close++;
                }
                if (close + 2 < sig.size() && tok(close + 1).isWord("DO") && tok(close + 2).isWord("NOTHING")) {
                    for (int i = sig.get(s + 1) + 1; i <= sig.get(close); i++) {
                        out[i] = "";
                    }
                }
                return;
            }
        }
    }

    /**
     * The statement as H2 runs it. {@code ... RETURNING cols} becomes a query of H2's data change delta
     * table, {@code SELECT cols FROM FINAL TABLE (...)} ({@code OLD TABLE} for DELETE); CockroachDB's
     * {@code RETURNING NOTHING} is dropped.
     */
    private String returning() {
        int at = -1;
        if (!sig.isEmpty() && isDataChange()) {
            int depth = 0;
            for (int s = 0; s < sig.size(); s++) {
                Token t = tok(s);
                if (t.isSymbol("(")) {
                    depth++;
                } else if (t.isSymbol(")")) {
                    depth--;
                } else if (depth == 0 && t.isWord("RETURNING")) {
                    at = s;
                    break;
                }
            }
        }
        if (at < 0) {
            return String.join("", out).strip();
        }
        String change = String.join("", Arrays.copyOfRange(out, 0, sig.get(at))).strip();
        String columns = String.join("", Arrays.copyOfRange(out, sig.get(at) + 1, out.length)).strip();
        if (columns.equalsIgnoreCase("NOTHING")) {
            return change;
        }
        return "SELECT " + columns + " FROM " + (tok(0).isWord("DELETE") ? "OLD" : "FINAL") + " TABLE (" + change + ")";
    }

    // ---------------------------------------------------------------- casts

    /** {@code x::TYPE} at the {@code ::} with significant index {@code s}. */
    private void cast(int s) {
        Token type = tok(s + 1);
        if (type.kind() != Kind.WORD) {
            return;
        }
        String name = upper(type);
        Token operand = s > 0 ? tok(s - 1) : null;
        if ((name.equals("JSONB") || name.equals("JSON")) && operand != null
                && (operand.isString() || operand.kind() == Kind.PARAMETER)) {
            // H2 turns a cast character string into a JSON *string*; FORMAT JSON parses it as JSON text.
            set(s - 1, "(" + out[sig.get(s - 1)] + " FORMAT JSON)");
            set(s, "");
            set(s + 1, "");
            return;
        }
        if ((name.equals("BYTES") || name.equals("BYTEA")) && operand != null) {
            if (operand.isString() && operand.stringValue().startsWith("\\x")) {
                set(s - 1, "X'" + operand.stringValue().substring(2) + "'");
                set(s, "");
                set(s + 1, "");
                return;
            }
            if (operand.kind() == Kind.PARAMETER) {
                hints.put(Integer.parseInt(operand.text().substring(1)), ParameterHint.BYTES);
            }
        }
        typeAt(s + 1, false);
    }

    /** {@code CAST(expr AS type)}, with {@code open} the significant index of its parenthesis. */
    private void castFunction(int open) {
        int depth = 0;
        for (int s = open; s < sig.size(); s++) {
            Token t = tok(s);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                if (--depth == 0) {
                    return;
                }
            } else if (depth == 1 && t.isWord("AS") && s + 1 < sig.size()) {
                typeAt(s + 1, false);
                return;
            }
        }
    }

    /** Rewrites the type name starting at significant index {@code s}, if CockroachDB spells it differently. */
    private void typeAt(int s, boolean columnDefinition) {
        Token t = tok(s);
        if (t.kind() != Kind.WORD) {
            return;
        }
        String name = upper(t);
        String h2 = TYPES.get(name);
        if (h2 == null) {
            return;
        }
        if (columnDefinition && SERIALS.contains(name)) {
            h2 = "BIGINT DEFAULT unique_rowid()";
        }
        set(s, h2);
    }

    // ---------------------------------------------------------------- CREATE TABLE

    private void createTable() {
        int s = 1;
        while (s < sig.size() && tok(s).kind() == Kind.WORD
                && Set.of("TEMP", "TEMPORARY", "LOCAL", "GLOBAL", "UNLOGGED", "CACHED", "MEMORY").contains(upper(tok(s)))) {
            s++;
        }
        if (s >= sig.size() || !tok(s).isWord("TABLE")) {
            return;
        }
        s++;
        if (s + 2 < sig.size() && tok(s).isWord("IF") && tok(s + 1).isWord("NOT") && tok(s + 2).isWord("EXISTS")) {
            s += 3;
        }
        int nameStart = s;
        while (s < sig.size() && !tok(s).isSymbol("(") && !tok(s).isWord("AS")) {
            s++;
        }
        if (s >= sig.size() || !tok(s).isSymbol("(")) {
            return; // CREATE TABLE ... AS SELECT
        }
        String tableName = text(nameStart, s);
        String bareTableName = tok(s - 1).name();
        List<int[]> elements = elements(s);
        for (int e = 0; e < elements.size(); e++) {
            int from = elements.get(e)[0];
            int to = elements.get(e)[1];
            if (from >= to) {
                continue;
            }
            Token first = tok(from);
            boolean keyword = first.kind() == Kind.WORD && TABLE_ELEMENT_KEYWORDS.contains(upper(first));
            if (!keyword) {
                columnDefinition(from, to);
            } else if (first.isWord("FAMILY")) {
                removeElement(elements, e);
            } else if (first.isWord("INDEX") || first.isWord("INVERTED")
                    || (first.isWord("UNIQUE") && from + 1 < to && tok(from + 1).isWord("INDEX"))) {
                hoistIndex(tableName, from, to);
                removeElement(elements, e);
            } else if (first.isWord("CONSTRAINT") && from + 2 < to && tok(from + 1).name().equals("primary")
                    && tok(from + 2).isWord("PRIMARY")) {
                // H2 constraint names are unique per schema; CockroachDB (< v22.1) names every primary key "primary".
                set(from + 1, Identifiers.quote(bareTableName + "_pkey"));
            }
        }
    }

    /** The [from, to) significant ranges of the comma-separated elements inside the parentheses at {@code open}. */
    private List<int[]> elements(int open) {
        List<int[]> elements = new ArrayList<>();
        int depth = 0;
        int start = open + 1;
        for (int s = open; s < sig.size(); s++) {
            Token t = tok(s);
            if (t.isSymbol("(")) {
                depth++;
            } else if (t.isSymbol(")")) {
                depth--;
                if (depth == 0) {
                    elements.add(new int[] {start, s});
                    break;
                }
            } else if (depth == 1 && t.isSymbol(",")) {
                elements.add(new int[] {start, s});
                start = s + 1;
            }
        }
        return elements;
    }

    private void columnDefinition(int from, int to) {
        if (from + 1 < to) {
            typeAt(from + 1, true);
        }
        for (int s = from + 2; s < to; s++) {
            // Column families and hidden columns are storage details H2 has no words for.
            if (tok(s).isWord("FAMILY") && s + 1 < to) {
                boolean create = tok(s - 1).isWord("CREATE");
                set(s, "");
                set(s + 1, "");
                if (create) {
                    set(s - 1, "");
                }
            } else if (tok(s).isWord("CREATE") && s + 1 < to && tok(s + 1).isWord("FAMILY")) {
                set(s, "");
                set(s + 1, "");
            } else if (tok(s).isWord("NOT") && s + 1 < to && tok(s + 1).isWord("VISIBLE")) {
                set(s, "");
                set(s + 1, "");
            } else if ((tok(s).isWord("STORED") || tok(s).isWord("VIRTUAL")) && tok(s - 1).isSymbol(")")) {
                // A computed column, AS (expr) STORED|VIRTUAL: H2 computes AS (expr) on write.
                set(s, "");
            }
        }
    }

    /** {@code [UNIQUE] INDEX [name] (cols) [STORING (...)]} becomes a CREATE INDEX run after the table. */
    private void hoistIndex(String tableName, int from, int to) {
        boolean unique = tok(from).isWord("UNIQUE");
        int s = from + (unique ? 2 : 1);
        if (tok(from).isWord("INVERTED")) {
            s = from + 2;
        }
        String name = s < to && !tok(s).isSymbol("(") ? out[sig.get(s++)] : null;
        int colsEnd = s;
        int depth = 0;
        for (; colsEnd < to; colsEnd++) {
            if (tok(colsEnd).isSymbol("(")) {
                depth++;
            } else if (tok(colsEnd).isSymbol(")") && --depth == 0) {
                colsEnd++;
                break;
            }
        }
        String columns = text(s, colsEnd);
        extraStatements.add("CREATE " + (unique ? "UNIQUE " : "") + "INDEX " + (name == null ? "" : name + " ")
                + "ON " + tableName + " " + columns);
    }

    /** Blanks an element, the comma that separates it from its neighbour, and the space between. */
    private void removeElement(List<int[]> elements, int e) {
        int from = elements.get(e)[0];
        int to = elements.get(e)[1];
        int first = sig.get(from);
        int last = sig.get(to - 1);
        if (e > 0 && tok(from - 1).isSymbol(",")) {
            first = sig.get(from - 1); // the comma before it
        } else if (to < sig.size() && tok(to).isSymbol(",")) {
            last = sig.get(to); // the first element: the comma after it
        }
        for (int i = first; i <= last; i++) {
            out[i] = "";
        }
    }

    // ---------------------------------------------------------------- ALTER TABLE

    private void alterTable() {
        for (int s = 2; s < sig.size(); s++) {
            Token t = tok(s);
            if (t.isWord("ADD")) {
                int j = s + 1;
                if (j < sig.size() && tok(j).isWord("COLUMN")) {
                    j++;
                }
                if (j + 2 < sig.size() && tok(j).isWord("IF") && tok(j + 1).isWord("NOT") && tok(j + 2).isWord("EXISTS")) {
                    j += 3;
                }
                if (j + 1 < sig.size() && !(tok(j).kind() == Kind.WORD && TABLE_ELEMENT_KEYWORDS.contains(upper(tok(j))))) {
                    typeAt(j + 1, true);
                }
            } else if (t.isWord("TYPE") && s + 1 < sig.size()) {
                typeAt(s + 1, false);
            }
        }
    }

    // ---------------------------------------------------------------- tokens

    private Token tok(int s) {
        return all.get(sig.get(s));
    }

    private void set(int s, String text) {
        out[sig.get(s)] = text;
    }

    /** The current output text of significant tokens [from, to), with the whitespace between them. */
    private String text(int from, int to) {
        if (from >= to) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (int i = sig.get(from); i <= sig.get(to - 1); i++) {
            b.append(out[i]);
        }
        return b.toString().strip();
    }

    private static String upper(Token t) {
        return t.text().toUpperCase(Locale.ROOT);
    }
}
