package org.cockroachdb.mesos.testkit.cockroach.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cockroachdb.mesos.testkit.cockroach.Release;
import org.cockroachdb.mesos.testkit.cockroach.sql.Dump;

/**
 * {@code cockroach dump <database>} (before v21.2; schema only in v21.1): CREATE TABLE and INSERT
 * statements on stdout, read over SQL like the real command, that {@code cockroach sql} restores.
 */
final class DumpCommand {
    private DumpCommand() {}

    static int run(Release release, List<String> args, PrintStream out) throws CommandFailure {
        Flags f = Flags.parse(args, ClientFlags.spec(Set.of("dump-mode", "as-of"), Set.of("dump-all", "echo-sql"), Map.of()));
        if (f.positional().isEmpty()) {
            throw new CommandFailure("ERROR: no database specified");
        }
        String mode = f.value("dump-mode").orElse("both").toLowerCase(Locale.ROOT);
        if (!List.of("both", "schema", "data").contains(mode)) {
            throw new CommandFailure("invalid argument \"" + mode + "\" for \"--dump-mode\" flag: invalid dump mode (possible values: both, schema, data)");
        }
        String target = ClientFlags.target(f);
        try (Connection c = SqlCommand.connect(target, f.positional().get(0), f.value("user").orElse("root"), false)) {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            Dump.write(c, Dump.Mode.valueOf(mode.toUpperCase(Locale.ROOT)), w);
            w.flush();
            return 0;
        } catch (SQLException e) {
            throw new CommandFailure("ERROR: " + e.getMessage().replaceFirst("^ERROR: ", "") + "\nSQLSTATE: " + e.getSQLState());
        } catch (java.io.IOException e) {
            throw new CommandFailure("ERROR: " + e.getMessage());
        }
    }
}
