package io.sealgate.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One YAML mapping seen through the schema: unknown and duplicate keys are reported when the view is made, and the
 * typed getters report missing or malformed values with the full key path ({@code routes[1].match.path}).
 * Like {@link ScalarReader}, getters return null after recording a problem.
 */
final class MappingView {

    /** One key of a mapping whose keys are names (like {@code upstreams:}), with the nodes for locating errors. */
    record Entry(String key, Node keyNode, Node value) {}

    private final MappingNode node;
    private final String path;
    private final ScalarReader reader;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    private MappingView(MappingNode node, String path, ScalarReader reader) {
        this.node = node;
        this.path = path;
        this.reader = reader;
    }

    /**
     * A view of {@code node}, or null (after recording a problem) when it is not a mapping.
     *
     * @param allowedKeys the schema's keys in documentation order; null when any key is allowed (a map of names)
     */
    static MappingView of(Node node, String path, List<String> allowedKeys, ScalarReader reader) {
        if (node == null) {
            return null;
        }
        String expected = allowedKeys == null ? "a mapping" : "a mapping with keys " + String.join(", ", allowedKeys);
        if (!(node instanceof MappingNode mapping)) {
            reader.problems().add(node, path, ScalarReader.describe(node) + " (expected: " + expected + ")");
            return null;
        }
        MappingView view = new MappingView(mapping, path, reader);
        for (NodeTuple tuple : mapping.getValue()) {
            if (!isMerge(tuple)) {
                view.addEntry(tuple, allowedKeys, false);
            }
        }
        view.merge(mapping, allowedKeys, 0);
        return view;
    }

    private static boolean isMerge(NodeTuple tuple) {
        return Tag.MERGE.equals(tuple.getKeyNode().getTag());
    }

    /**
     * Applies YAML merge keys ({@code <<: *defaults}): merged keys fill in what the mapping does not set itself, the
     * first merge source winning over later ones, as the YAML merge-key spec says.
     */
    private void merge(MappingNode mapping, List<String> allowedKeys, int depth) {
        for (NodeTuple tuple : mapping.getValue()) {
            if (!isMerge(tuple)) {
                continue;
            }
            Node value = tuple.getValueNode();
            List<Node> sources = value instanceof SequenceNode seq ? seq.getValue() : List.of(value);
            for (Node source : sources) {
                // A depth bound, because an anchor may (indirectly) merge itself.
                if (!(source instanceof MappingNode merged) || depth > 8) {
                    reader.problems().add(source, path("<<"), ScalarReader.describe(source)
                            + " (expected: an alias of a mapping, like <<: *defaults)");
                    continue;
                }
                for (NodeTuple mergedTuple : merged.getValue()) {
                    if (!isMerge(mergedTuple)) {
                        addEntry(mergedTuple, allowedKeys, true);
                    }
                }
                merge(merged, allowedKeys, depth + 1);
            }
        }
    }

    private void addEntry(NodeTuple tuple, List<String> allowedKeys, boolean merged) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalarKey) || Tag.NULL.equals(keyNode.getTag())) {
            reader.problems().add(keyNode, path, ScalarReader.describe(keyNode) + " as a key (expected: a plain key)");
            return;
        }
        String key = scalarKey.getValue();
        Entry first = entries.get(key);
        if (first != null && merged) {
            return;
        }
        if (first != null) {
            reader.problems().add(keyNode, path(key), "duplicate key, first on line "
                    + Problems.lineOf(first.keyNode()) + " (expected: each key once)");
        } else if (allowedKeys != null && !allowedKeys.contains(key)) {
            reader.problems().add(keyNode, path(key), "unknown key" + DidYouMean.suffix(key, allowedKeys)
                    + " (expected: one of " + String.join(", ", allowedKeys) + ")");
        } else {
            entries.put(key, new Entry(key, keyNode, tuple.getValueNode()));
        }
    }

    String path() {
        return path;
    }

    String path(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Node node() {
        return node;
    }

    List<Entry> entries() {
        return new ArrayList<>(entries.values());
    }

    /**
     * The value of {@code key}; empty only when the key is absent. A key written without a value ({@code client-ca:}
     * alone) is returned too, so that reading it reports "empty" instead of quietly applying the default: an
     * optional TLS setting left blank must not silently turn TLS checks off.
     */
    Optional<Node> optional(String key) {
        Entry entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.of(entry.value());
    }

    /** The value of {@code key}, or null after reporting it {@code missing} or {@code empty}. */
    Node required(String key, String expected) {
        Entry entry = entries.get(key);
        if (entry == null || Tag.NULL.equals(entry.value().getTag())) {
            reader.problems().add(entry == null ? node : entry.value(), path(key),
                    (entry == null ? "missing" : "empty") + " (expected: " + expected + ")");
            return null;
        }
        return entry.value();
    }

    String requiredString(String key, String expected) {
        return reader.string(required(key, expected), path(key), expected);
    }

    Optional<String> optionalString(String key, String expected) {
        return optional(key).map(n -> reader.string(n, path(key), expected));
    }

    Integer requiredInt(String key, int min, int max) {
        return reader.integer(required(key, ScalarReader.integerExpectation(min, max)), path(key), min, max);
    }

    int optionalInt(String key, int min, int max, int defaultValue) {
        Integer value = reader.integer(optional(key).orElse(null), path(key), min, max);
        return value == null ? defaultValue : value;
    }

    Duration optionalDuration(String key, boolean positive, Duration defaultValue) {
        Duration value = reader.duration(optional(key).orElse(null), path(key), positive);
        return value == null ? defaultValue : value;
    }

    boolean optionalBoolean(String key, boolean defaultValue) {
        Boolean value = reader.bool(optional(key).orElse(null), path(key));
        return value == null ? defaultValue : value;
    }

    Path requiredFile(String key) {
        return reader.readableFile(required(key, ScalarReader.READABLE_FILE), path(key));
    }

    Optional<Path> optionalFile(String key) {
        return optional(key).map(n -> reader.readableFile(n, path(key)));
    }

    /** A nested mapping, or null when absent or not a mapping. */
    MappingView optionalMapping(String key, List<String> allowedKeys) {
        return optional(key).map(n -> of(n, path(key), allowedKeys, reader)).orElse(null);
    }

    /**
     * A list with at least one element, or null after reporting it missing, empty or not a list.
     *
     * @param what the elements, for messages: {@code "listener"} gives {@code (expected: at least one listener)}
     */
    List<Node> requiredNonEmptyList(String key, String what) {
        String expected = "at least one " + what;
        Node value = required(key, expected);
        if (value == null) {
            return null;
        }
        if (!(value instanceof SequenceNode sequence)) {
            reader.problems().add(value, path(key), ScalarReader.describe(value) + " (expected: a list of " + what
                    + "s)");
            return null;
        }
        if (sequence.getValue().isEmpty()) {
            reader.problems().add(value, path(key), "empty (expected: " + expected + ")");
            return null;
        }
        return sequence.getValue();
    }

    /** A list that may be absent (null) or empty. */
    List<Node> optionalList(String key, String what) {
        Node value = optional(key).orElse(null);
        if (value == null) {
            return null;
        }
        if (!(value instanceof SequenceNode sequence)) {
            reader.problems().add(value, path(key), ScalarReader.describe(value) + " (expected: a list of " + what
                    + "s)");
            return null;
        }
        return sequence.getValue();
    }

    /** Whether the key appears at all (even with an empty value). */
    boolean has(String key) {
        return entries.containsKey(key);
    }
}
