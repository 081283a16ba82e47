package org.cockroachdb.mesos.scheduler.cockroach;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One sample line of the Prometheus text exposition format:
 * {@code name[{label="value",...}] value [timestamp]}. Label values may hold escaped quotes,
 * backslashes and newlines, commas and spaces, so the labels are scanned rather than split.
 */
record PrometheusSample(String name, Map<String, String> labels, double value) {

    /** The sample on this line; empty for comments, blank lines and anything malformed. */
    static Optional<PrometheusSample> parse(String line) {
        Scanner s = new Scanner(line);
        s.skipSpaces();
        String name = s.name();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        s.skipSpaces();
        Map<String, String> labels = new HashMap<>();
        if (s.peek() == '{' && !s.labels(labels)) {
            return Optional.empty();
        }
        s.skipSpaces();
        String value = s.token();
        s.skipSpaces();
        String timestamp = s.token();
        s.skipSpaces();
        if (value.isEmpty() || !s.atEnd() || !(timestamp.isEmpty() || timestamp.matches("-?\\d{1,19}"))) {
            return Optional.empty();
        }
        return number(value).map(v -> new PrometheusSample(name, Map.copyOf(labels), v));
    }

    /** The metric name a line starts with ("" for comments and blank lines), to spot malformed samples of ours. */
    static String leadingName(String line) {
        Scanner s = new Scanner(line);
        s.skipSpaces();
        return s.name();
    }

    /** Go's float syntax as Prometheus writes it: digits, exponents, NaN and ±Inf. */
    private static Optional<Double> number(String text) {
        switch (text) {
            case "NaN":
                return Optional.of(Double.NaN);
            case "+Inf", "Inf":
                return Optional.of(Double.POSITIVE_INFINITY);
            case "-Inf":
                return Optional.of(Double.NEGATIVE_INFINITY);
            default:
                if (!text.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    return Optional.empty();
                }
                return Optional.of(Double.parseDouble(text));
        }
    }

    private static final class Scanner {
        private final String text;
        private int at;

        Scanner(String text) {
            this.text = text;
        }

        char peek() {
            return at < text.length() ? text.charAt(at) : '\0';
        }

        boolean atEnd() {
            return at >= text.length();
        }

        void skipSpaces() {
            while (!atEnd() && (peek() == ' ' || peek() == '\t')) {
                at++;
            }
        }

        String name() {
            int start = at;
            while (!atEnd()) {
                char c = peek();
                boolean letter = c == '_' || c == ':' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                if (!(letter || (at > start && c >= '0' && c <= '9'))) {
                    break;
                }
                at++;
            }
            return text.substring(start, at);
        }

        String token() {
            int start = at;
            while (!atEnd() && peek() != ' ' && peek() != '\t') {
                at++;
            }
            return text.substring(start, at);
        }

        /** {@code {a="x",b="y"}} (a trailing comma is allowed); false when malformed. */
        boolean labels(Map<String, String> into) {
            at++; // '{'
            while (true) {
                skipSpaces();
                if (peek() == '}') {
                    at++;
                    return true;
                }
                String label = name();
                skipSpaces();
                if (label.isEmpty() || peek() != '=') {
                    return false;
                }
                at++;
                skipSpaces();
                Optional<String> value = quoted();
                if (value.isEmpty()) {
                    return false;
                }
                into.put(label, value.get());
                skipSpaces();
                if (peek() == ',') {
                    at++;
                } else if (peek() != '}') {
                    return false;
                }
            }
        }

        private Optional<String> quoted() {
            if (peek() != '"') {
                return Optional.empty();
            }
            at++;
            StringBuilder b = new StringBuilder();
            while (!atEnd()) {
                char c = text.charAt(at++);
                if (c == '"') {
                    return Optional.of(b.toString());
                }
                if (c == '\\' && !atEnd()) {
                    char e = text.charAt(at++);
                    b.append(e == 'n' ? '\n' : e);
                } else {
                    b.append(c);
                }
            }
            return Optional.empty();
        }
    }
}
