package org.cockroachdb.mesos.testkit.cockroach.sql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Backup;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Begin;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Commit;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.CreateDatabase;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.DropDatabase;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Malformed;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.NodeId;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Restore;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Rollback;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.RollbackToSavepoint;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.SetClusterSetting;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.SetVariable;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowBackups;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowClusterSetting;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowCreateTable;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowDatabases;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowTables;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.ShowVariable;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Unsupported;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.UseDatabase;
import org.cockroachdb.mesos.testkit.cockroach.sql.CockroachStatement.Version;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer.Kind;
import org.cockroachdb.mesos.testkit.cockroach.sqltext.SqlLexer.Token;

/**
 * Recognizes the statements in {@link CockroachStatement}: case-insensitive, any whitespace and
 * comments, an optional trailing semicolon. Everything else is left for H2 (empty result).
 */
final class CockroachStatements {
    private final List<Token> t;
    private int p;

    private CockroachStatements(List<Token> tokens) {
        this.t = tokens;
    }

    static Optional<CockroachStatement> recognize(String sql) {
        List<Token> tokens = new ArrayList<>(SqlLexer.significant(SqlLexer.tokens(sql)));
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).isSymbol(";")) {
            tokens.remove(tokens.size() - 1);
        }
        if (tokens.isEmpty()) {
            return Optional.empty();
        }
        return Optional.ofNullable(new CockroachStatements(tokens).statement(sql.strip()));
    }

    private CockroachStatement statement(String sql) {
        Token first = t.get(0);
        if (first.kind() != Kind.WORD) {
            return null;
        }
        p = 1;
        return switch (first.text().toUpperCase(Locale.ROOT)) {
            case "SELECT" -> select();
            case "SHOW" -> show();
            case "SET" -> set();
            case "RESET" -> reset();
            case "CREATE" -> createDatabase();
            case "DROP" -> dropDatabase();
            case "USE" -> use();
            case "BEGIN" -> {
                optionalWord("TRANSACTION", "WORK");
                yield new Begin(); // isolation and priority modifiers change nothing here
            }
            case "START" -> words("TRANSACTION") ? new Begin() : null;
            case "COMMIT", "END" -> {
                optionalWord("TRANSACTION", "WORK");
                yield atEnd() ? new Commit() : null;
            }
            case "ROLLBACK", "ABORT" -> {
                optionalWord("TRANSACTION", "WORK");
                if (atEnd()) {
                    yield new Rollback();
                }
                yield words("TO") ? new RollbackToSavepoint(sql) : null;
            }
            case "BACKUP" -> backup();
            case "RESTORE" -> restore();
            default -> null;
        };
    }

    // ---------------------------------------------------------------- SELECT

    private CockroachStatement select() {
        if (words("CRDB_INTERNAL") && symbol(".") && words("NODE_ID") && symbol("(") && symbol(")") && atEnd()) {
            return new NodeId();
        }
        p = 1;
        if (words("VERSION") && symbol("(") && symbol(")") && atEnd()) {
            return new Version();
        }
        return null;
    }

    // ---------------------------------------------------------------- SHOW / SET

    private CockroachStatement show() {
        if (words("CLUSTER", "SETTING")) {
            return clusterSetting(false);
        }
        if (words("DATABASES")) {
            return new ShowDatabases();
        }
        if (words("TABLES")) {
            if (atEnd()) {
                return new ShowTables(Optional.empty());
            }
            if (words("FROM")) {
                String db = name();
                while (symbol(".")) {
                    name(); // a schema; the stand-in has only public
                }
                return db != null && atEnd() ? new ShowTables(Optional.of(db)) : null;
            }
            return null;
        }
        if (words("CREATE")) {
            optionalWord("TABLE");
            String table = qualifiedName();
            return table != null && atEnd() ? new ShowCreateTable(table) : null;
        }
        if (words("BACKUPS", "IN")) {
            String uri = string();
            return uri != null && atEnd() ? new ShowBackups(uri) : new Malformed(near());
        }
        if (words("TRANSACTION", "ISOLATION", "LEVEL") && atEnd()) {
            return new ShowVariable("transaction_isolation");
        }
        p = 1;
        if (words("TIME", "ZONE") && atEnd()) {
            return new ShowVariable("timezone");
        }
        p = 1;
        String name = qualifiedName();
        return name != null && atEnd() ? new ShowVariable(name) : null;
    }

    private CockroachStatement set() {
        if (words("CLUSTER", "SETTING")) {
            return clusterSetting(true);
        }
        optionalWord("SESSION", "LOCAL");
        if (words("TIME", "ZONE")) {
            String value = value();
            return value != null && atEnd() ? new SetVariable("timezone", value) : null;
        }
        if (words("TRANSACTION") || words("CHARACTERISTICS")) {
            return new SetVariable("transaction", ""); // isolation and priority changes are accepted and ignored
        }
        String name = qualifiedName();
        if (name == null || !(symbol("=") || words("TO"))) {
            return null;
        }
        List<String> values = new ArrayList<>();
        do {
            String v = value();
            if (v == null) {
                return null;
            }
            values.add(v);
        } while (symbol(","));
        if (!atEnd()) {
            return null;
        }
        String value = String.join(", ", values);
        return name.equals("database") ? new UseDatabase(value) : new SetVariable(name, value);
    }

    private CockroachStatement reset() {
        if (words("CLUSTER", "SETTING")) {
            return clusterSetting(true);
        }
        String name = qualifiedName();
        return name != null && atEnd() ? new SetVariable(name, "DEFAULT") : null;
    }

    /** After {@code SHOW/SET/RESET CLUSTER SETTING}. */
    private CockroachStatement clusterSetting(boolean assign) {
        String name = qualifiedName();
        if (name == null) {
            return new Malformed(near());
        }
        boolean reset = t.get(0).isWord("RESET");
        if (!assign || reset) {
            if (!atEnd()) {
                return new Malformed(near());
            }
            return reset ? new SetClusterSetting(name, Optional.empty()) : new ShowClusterSetting(name);
        }
        if (!(symbol("=") || words("TO"))) {
            return new Malformed(near());
        }
        if (words("DEFAULT") && atEnd()) {
            return new SetClusterSetting(name, Optional.empty());
        }
        String value = value();
        return value != null && atEnd() ? new SetClusterSetting(name, Optional.of(value)) : new Malformed(near());
    }

    private CockroachStatement use() {
        String name = name();
        return name != null && atEnd() ? new UseDatabase(name) : null;
    }

    // ---------------------------------------------------------------- databases

    private CockroachStatement createDatabase() {
        if (!words("DATABASE")) {
            return null;
        }
        boolean ifNotExists = words("IF", "NOT", "EXISTS");
        String name = name();
        // Options such as ENCODING = 'UTF8' or a PRIMARY REGION change nothing here.
        return name == null ? new Malformed(near()) : new CreateDatabase(name, ifNotExists);
    }

    private CockroachStatement dropDatabase() {
        if (!words("DATABASE")) {
            return null;
        }
        boolean ifExists = words("IF", "EXISTS");
        String name = name();
        if (name == null) {
            return new Malformed(near());
        }
        boolean restrict = false;
        if (words("RESTRICT")) {
            restrict = true;
        } else {
            optionalWord("CASCADE");
        }
        return atEnd() ? new DropDatabase(name, ifExists, restrict) : new Malformed(near());
    }

    // ---------------------------------------------------------------- BACKUP / RESTORE

    private CockroachStatement backup() {
        if (!words("DATABASE")) {
            return new Unsupported(atEnd() || words("INTO") ? "full cluster BACKUP" : "BACKUP of anything but one database");
        }
        String database = name();
        if (database == null) {
            return new Malformed(near());
        }
        if (symbol(",")) {
            return new Unsupported("BACKUP of more than one database");
        }
        boolean into;
        if (words("INTO")) {
            into = true;
            if (words("LATEST", "IN")) {
                return new Unsupported("incremental BACKUP (INTO LATEST IN)");
            }
        } else if (words("TO")) {
            into = false;
        } else {
            return new Malformed(near());
        }
        String uri = string();
        if (uri == null) {
            return new Malformed(near());
        }
        if (words("IN")) {
            return new Unsupported("BACKUP INTO a chosen subdirectory");
        }
        if (!asOfSystemTime()) {
            return new Malformed(near());
        }
        Optional<Boolean> detached = options();
        return detached.isPresent() ? new Backup(database, uri, into, detached.get()) : new Malformed(near());
    }

    private CockroachStatement restore() {
        if (!words("DATABASE")) {
            return new Unsupported(atEnd() || words("FROM") ? "full cluster RESTORE" : "RESTORE of anything but one database");
        }
        String database = name();
        if (database == null) {
            return new Malformed(near());
        }
        if (symbol(",")) {
            return new Unsupported("RESTORE of more than one database");
        }
        if (!words("FROM")) {
            return new Malformed(near());
        }
        Optional<String> subdir;
        String uri;
        if (words("LATEST", "IN")) {
            subdir = Optional.of("LATEST");
            uri = string();
        } else {
            String first = string();
            if (first == null) {
                return new Malformed(near());
            }
            if (words("IN")) {
                subdir = Optional.of(first);
                uri = string();
            } else {
                subdir = Optional.empty();
                uri = first;
            }
        }
        if (uri == null || !asOfSystemTime()) {
            return new Malformed(near());
        }
        Optional<Boolean> detached = options();
        return detached.isPresent() ? new Restore(database, uri, subdir, detached.get()) : new Malformed(near());
    }

    /** An optional {@code AS OF SYSTEM TIME <expr>}; the stand-in reads the present either way. */
    private boolean asOfSystemTime() {
        if (!words("AS")) {
            return true;
        }
        if (!words("OF", "SYSTEM", "TIME")) {
            return false;
        }
        return value() != null;
    }

    /** An optional {@code WITH opt [= v], ...} list, down to whether it holds {@code detached}; empty if malformed. */
    private Optional<Boolean> options() {
        boolean detached = false;
        if (words("WITH")) {
            optionalWord("OPTIONS");
            boolean parens = symbol("(");
            do {
                String option = name();
                if (option == null) {
                    return Optional.empty();
                }
                boolean on = true;
                if (symbol("=")) {
                    String v = value();
                    if (v == null) {
                        return Optional.empty();
                    }
                    on = !v.equalsIgnoreCase("false");
                }
                detached |= option.equals("detached") && on;
            } while (symbol(","));
            if (parens && !symbol(")")) {
                return Optional.empty();
            }
        }
        return atEnd() ? Optional.of(detached) : Optional.empty();
    }

    // ---------------------------------------------------------------- cursor

    private boolean atEnd() {
        return p >= t.size();
    }

    /** Consumes the words if all of them come next, in order. */
    private boolean words(String... words) {
        int q = p;
        for (String w : words) {
            if (q >= t.size() || !t.get(q).isWord(w)) {
                return false;
            }
            q++;
        }
        p = q;
        return true;
    }

    private void optionalWord(String... alternatives) {
        for (String w : alternatives) {
            if (words(w)) {
                return;
            }
        }
    }

    private boolean symbol(String s) {
        if (p < t.size() && t.get(p).isSymbol(s)) {
            p++;
            return true;
        }
        return false;
    }

    private String name() {
        if (p < t.size() && (t.get(p).kind() == Kind.WORD || t.get(p).kind() == Kind.QUOTED_NAME)) {
            return t.get(p++).name();
        }
        return null;
    }

    /** {@code a.b.c} as one dotted name (cluster settings, session variables, qualified tables). */
    private String qualifiedName() {
        String first = name();
        if (first == null) {
            return null;
        }
        StringBuilder b = new StringBuilder(first);
        while (p + 1 < t.size() && t.get(p).isSymbol(".")) {
            p++;
            String next = name();
            if (next == null) {
                return null;
            }
            b.append('.').append(next);
        }
        return b.toString();
    }

    private String string() {
        if (p < t.size() && t.get(p).isString()) {
            return t.get(p++).stringValue();
        }
        return null;
    }

    /** A setting's value: a string, a (signed) number, or a bare word such as {@code true} or {@code on}. */
    private String value() {
        if (p >= t.size()) {
            return null;
        }
        Token v = t.get(p);
        if (v.isString()) {
            p++;
            return v.stringValue();
        }
        if (v.kind() == Kind.NUMBER || v.kind() == Kind.WORD || v.kind() == Kind.QUOTED_NAME) {
            p++;
            return v.kind() == Kind.QUOTED_NAME ? v.name() : v.text();
        }
        if ((v.isSymbol("-") || v.isSymbol("+")) && p + 1 < t.size() && t.get(p + 1).kind() == Kind.NUMBER) {
            p += 2;
            return (v.text().equals("-") ? "-" : "") + t.get(p - 1).text();
        }
        return null;
    }

    private String near() {
        return p < t.size() ? t.get(p).text() : "EOF";
    }
}
