package io.sealgate.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Finds the YAML node a key path names ({@code processes.po.steps[1].users[0]}), so that errors found after binding,
 * on records that no longer know their nodes, still point at a line.
 */
final class NodePaths {

    private static final Pattern PART = Pattern.compile("([^.\\[\\]]+)|\\[(\\d+)\\]");

    private NodePaths() {}

    /** The path's parts: names and list indexes, e.g. {@code [processes, po, steps, 1]}. */
    static List<Object> parts(String path) {
        List<Object> parts = new ArrayList<>();
        Matcher m = PART.matcher(path);
        while (m.find()) {
            parts.add(m.group(1) != null ? m.group(1) : (Object) Integer.valueOf(m.group(2)));
        }
        return parts;
    }

    /**
     * The value node at {@code path}, or the deepest node on the way when the rest does not exist (a missing key is
     * reported on the mapping that lacks it); {@code root} for an empty path.
     */
    static Node find(Node root, String path) {
        Node node = root;
        for (Object part : parts(path)) {
            Node next = part instanceof Integer index ? element(node, index) : value(node, (String) part, 0);
            if (next == null) {
                return node;
            }
            node = next;
        }
        return node;
    }

    private static Node element(Node node, int index) {
        return node instanceof SequenceNode seq && index < seq.getValue().size() ? seq.getValue().get(index) : null;
    }

    private static Node value(Node node, String key, int depth) {
        if (!(node instanceof MappingNode mapping) || depth > 8) {
            return null;
        }
        for (NodeTuple tuple : mapping.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && !Tag.MERGE.equals(k.getTag())
                    && k.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        // Keys the mapping does not set itself may come from a merge key (<<: *defaults).
        for (NodeTuple tuple : mapping.getValue()) {
            if (Tag.MERGE.equals(tuple.getKeyNode().getTag())) {
                Node merged = tuple.getValueNode();
                for (Node source : merged instanceof SequenceNode seq ? seq.getValue() : List.of(merged)) {
                    Node found = value(source, key, depth + 1);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return null;
    }

    /**
     * The entry a path lies in: its first two parts, like {@code processes.po} or {@code key-rules[2]}; the whole
     * path when shorter.
     */
    static String entryOf(String path) {
        List<Object> parts = parts(path);
        StringBuilder entry = new StringBuilder();
        for (int i = 0; i < Math.min(2, parts.size()); i++) {
            Object part = parts.get(i);
            entry.append(part instanceof Integer ? "[" + part + "]" : (i == 0 ? "" : ".") + part);
        }
        return entry.toString();
    }
}
