package io.sealgate.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns scalar nodes into typed values, after {@code ${...}} substitution. Every method records a problem and
 * returns null when the value is unusable, and accepts a null node (an earlier failure) by returning null, so callers
 * can chain reads and keep going to find the next error.
 *
 * <p>Messages show the value as written in the file, never the substituted one: a substituted value may be a secret.
 */
final class ScalarReader {

    static final String DURATION = "a duration like 250ms, 5s, 2m or 1h";
    static final String POSITIVE_DURATION = "a positive duration like 250ms, 5s, 2m or 1h";
    static final String BOOLEAN = "true or false";
    static final String READABLE_FILE = "a readable file";
    static final String HTTP_URL = "an http:// or https:// URL with a host and no user info, query or fragment";

    static final String BYTE_SIZE = "a size in bytes, or with unit KiB, MiB or GiB, like 100MiB";
    static final String INSTANT = "an ISO-8601 instant like 2026-01-01T00:00:00Z";

    private static final Pattern BYTE_SIZE_PATTERN = Pattern.compile("(\\d{1,19})(KiB|MiB|GiB)?");
    private static final Pattern DURATION_PATTERN = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    private final Substitutions substitutions;
    private final FileChecks files;
    private final Problems problems;

    ScalarReader(Substitutions substitutions, FileChecks files, Problems problems) {
        this.substitutions = substitutions;
        this.files = files;
        this.problems = problems;
    }

    Problems problems() {
        return problems;
    }

    /** A scalar's value after substitution, and its text as written (the only form messages may show). */
    record Scalar(String value, String written) {}

    Scalar scalar(Node node, String key, String expected) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof ScalarNode scalar)) {
            problems.add(node, key, describe(node) + " (expected: " + expected + ")");
            return null;
        }
        if (Tag.NULL.equals(scalar.getTag())) {
            problems.add(node, key, "empty (expected: " + expected + ")");
            return null;
        }
        try {
            return new Scalar(substitutions.resolve(scalar.getValue()), scalar.getValue());
        } catch (Substitutions.Unresolved e) {
            problems.add(node, key, e.getMessage());
            return null;
        }
    }

    /** A string that is not blank. */
    String string(Node node, String key, String expected) {
        Scalar s = nonBlank(node, key, expected);
        return s == null ? null : s.value();
    }

    private Scalar nonBlank(Node node, String key, String expected) {
        Scalar s = scalar(node, key, expected);
        if (s != null && s.value().isBlank()) {
            return fail(node, key, (s.written().isEmpty() ? "empty" : s.written()) + " (expected: " + expected + ")");
        }
        return s;
    }

    Integer integer(Node node, String key, int min, int max) {
        String expected = integerExpectation(min, max);
        Scalar s = scalar(node, key, expected);
        if (s == null) {
            return null;
        }
        String text = s.value().trim();
        if (text.matches("[+-]?\\d{1,10}")) {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return (int) value;
            }
        }
        return fail(node, key, s.written() + " (expected: " + expected + ")");
    }

    static String integerExpectation(int min, int max) {
        return max == Integer.MAX_VALUE ? "an integer >= " + min : "an integer " + min + "-" + max;
    }

    Duration duration(Node node, String key, boolean positive) {
        String expected = positive ? POSITIVE_DURATION : DURATION;
        Scalar s = scalar(node, key, expected);
        if (s == null) {
            return null;
        }
        Matcher m = DURATION_PATTERN.matcher(s.value().trim());
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            Duration d = switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
            if (!positive || !d.isZero()) {
                return d;
            }
        }
        return fail(node, key, s.written() + " (expected: " + expected + ")");
    }

    /** A positive size: plain bytes or a binary unit ({@code 512KiB}, {@code 100MiB}, {@code 2GiB}). */
    Long byteSize(Node node, String key) {
        Scalar s = scalar(node, key, BYTE_SIZE);
        if (s == null) {
            return null;
        }
        Matcher m = BYTE_SIZE_PATTERN.matcher(s.value().trim());
        if (m.matches()) {
            int shift = m.group(2) == null ? 0 : switch (m.group(2)) {
                case "KiB" -> 10;
                case "MiB" -> 20;
                default -> 30;
            };
            try {
                long amount = Long.parseLong(m.group(1));
                if (amount > 0 && amount <= (Long.MAX_VALUE >> shift)) {
                    return amount << shift;
                }
            } catch (NumberFormatException e) {
                // more than Long.MAX_VALUE: reported below
            }
        }
        return fail(node, key, s.written() + " (expected: " + BYTE_SIZE + ")");
    }

    /** An instant in ISO-8601 form with a zone offset ({@code Z} or {@code +01:00}). */
    Instant instant(Node node, String key) {
        Scalar s = scalar(node, key, INSTANT);
        if (s == null) {
            return null;
        }
        try {
            return Instant.parse(s.value().trim());
        } catch (DateTimeParseException e) {
            return fail(node, key, s.written() + " (expected: " + INSTANT + ")");
        }
    }

    /**
     * One of {@code choices} (compared case-insensitively), or null after reporting
     * {@code value (expected: a, b or c)}.
     */
    String choice(Node node, String key, List<String> choices) {
        String expected = Names.joinWithOr(choices);
        String value = string(node, key, expected);
        if (value == null) {
            return null;
        }
        for (String choice : choices) {
            if (choice.equalsIgnoreCase(value.trim())) {
                return choice;
            }
        }
        return fail(node, key, describe(node) + DidYouMean.suffix(value.trim(), choices)
                + " (expected: " + expected + ")");
    }

    /** A list of non-blank strings; null when {@code node} is null or not a list. Element keys are {@code key[i]}. */
    List<String> strings(Node node, String key, String expected) {
        if (node == null) {
            return null;
        }
        if (!(node instanceof SequenceNode sequence)) {
            problems.add(node, key, describe(node) + " (expected: a list of " + expected + "s)");
            return null;
        }
        List<String> values = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            String value = string(sequence.getValue().get(i), key + "[" + i + "]", expected);
            if (value != null) {
                values.add(value.trim());
            }
        }
        return values;
    }

    Boolean bool(Node node, String key) {
        Scalar s = scalar(node, key, BOOLEAN);
        if (s == null) {
            return null;
        }
        // Only true/false: YAML 1.1's yes/no/on/off surprise people (the "Norway problem").
        return switch (s.value().trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> fail(node, key, s.written() + " (expected: " + BOOLEAN + ")");
        };
    }

    /** A path to a readable regular file, resolved against the config file's directory. */
    Path readableFile(Node node, String key) {
        Scalar s = nonBlank(node, key, READABLE_FILE);
        if (s == null) {
            return null;
        }
        String problem = files.problem(s.value());
        if (problem != null) {
            return fail(node, key, s.written() + problem + " (expected: " + READABLE_FILE + ")");
        }
        return files.resolve(s.value());
    }

    URI httpUrl(Node node, String key) {
        return httpUrl(node, key, HTTP_URL);
    }

    /** An http(s) URL, with {@code expected} in the message when it is not one. */
    URI httpUrl(Node node, String key, String expected) {
        Scalar s = scalar(node, key, expected);
        if (s == null) {
            return null;
        }
        try {
            URI uri = new URI(s.value().trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // fall through to the message below; the parser's own text would repeat the value
        }
        return fail(node, key, s.written() + " (expected: " + expected + ")");
    }

    /** How a node that is not the expected kind is shown: a scalar as written, a collection by its kind. */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        String value = ((ScalarNode) node).getValue();
        return value.isEmpty() || Tag.NULL.equals(node.getTag()) ? "empty" : value;
    }

    private <T> T fail(Node node, String key, String message) {
        problems.add(node, key, message);
        return null;
    }
}
