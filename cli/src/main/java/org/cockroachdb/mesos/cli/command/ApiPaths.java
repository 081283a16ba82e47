package org.cockroachdb.mesos.cli.command;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** API paths built from operator input: every name is one encoded path segment or query value. */
final class ApiPaths {

    private ApiPaths() {
    }

    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
