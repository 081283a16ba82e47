package org.cockroachdb.mesos.scheduler.state;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Which environment variable and label names hold secrets, as case-insensitive globs ({@code *}
 * matches anything). Such values never reach ZooKeeper.
 */
public record SecretNames(List<String> globs) {

    public static final SecretNames DEFAULT = new SecretNames(List.of(
            "*SECRET*", "*PASSWORD*", "*PASSWD*", "AWS_*KEY*", "*TOKEN*", "*CREDENTIAL*", "*PRIVATE_KEY*"));

    public SecretNames {
        globs = List.copyOf(globs);
    }

    public boolean matches(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return globs.stream().anyMatch(glob -> toRegex(glob).matcher(upper).matches());
    }

    private static Pattern toRegex(String glob) {
        List<String> literals = List.of(glob.toUpperCase(Locale.ROOT).split("\\*", -1));
        return Pattern.compile(String.join(".*", literals.stream().map(Pattern::quote).toList()), Pattern.DOTALL);
    }
}
