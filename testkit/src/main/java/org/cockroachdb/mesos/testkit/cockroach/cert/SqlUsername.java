package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The user name a client certificate is made for: normalized as SQL identifiers are (lower case, NFC)
 * and held to the rules for creating a user, so {@code create-client Root} writes
 * {@code client.root.crt} with CN {@code root}.
 */
final class SqlUsername {
    static final String HELP = "Usernames are case insensitive, must start with a letter, digit or underscore, "
            + "may contain letters, digits, dashes, periods, or underscores, and must not exceed 63 characters.";
    private static final Pattern VALID = Pattern.compile("^[\\p{Ll}0-9_][-\\p{Ll}0-9_.]*$");
    private static final int MAX_LENGTH = 63;

    private SqlUsername() {}

    static String normalizeForCreation(String input) throws CertFailure {
        String name = Normalizer.normalize(input.toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
        if (name.isEmpty()) {
            throw new CertFailure("username is empty", HELP);
        }
        if (name.getBytes(StandardCharsets.UTF_8).length > MAX_LENGTH) {
            throw new CertFailure("username is too long", HELP);
        }
        if (!VALID.matcher(name).matches()) {
            throw new CertFailure("username is invalid", HELP);
        }
        return name;
    }
}
