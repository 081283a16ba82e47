package org.cockroachdb.mesos.testkit.cockroach.cert;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go's {@code os.ExpandEnv}, which cockroach applies to {@code --certs-dir} and {@code --ca-key}: that is
 * how the default {@code ${HOME}/.cockroach-certs} becomes a real path. Unset variables expand to "".
 */
final class EnvExpansion {
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([^}]*)}|\\$([A-Za-z0-9_]+)");

    private EnvExpansion() {}

    static String expand(String text, Function<String, String> env) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = env.apply(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
