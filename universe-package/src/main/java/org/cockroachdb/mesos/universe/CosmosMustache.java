package org.cockroachdb.mesos.universe;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Map;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;

/**
 * mustache.java as Cosmos configures it: values are written raw (no HTML escaping; strings are
 * already JSON-escaped by {@link CosmosValues}), so {@code {{x}}} and {@code {{{x}}}} are the same.
 */
final class CosmosMustache {

    private CosmosMustache() {
    }

    static String render(String template, String name, Map<String, Object> context) {
        DefaultMustacheFactory factory = new DefaultMustacheFactory() {
            @Override
            public void encode(String value, Writer writer) {
                try {
                    writer.write(value);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        Mustache mustache = factory.compile(new StringReader(template), name);
        StringWriter out = new StringWriter();
        mustache.execute(out, context);
        return out.toString();
    }
}
