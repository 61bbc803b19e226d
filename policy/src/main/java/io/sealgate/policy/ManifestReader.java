package io.sealgate.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.sealgate.config.ConfigError;
import io.sealgate.config.ConfigException;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the JSON tree of a manifest strictly: exact field sets, exact types. Structural problems stop the reading
 * at the first one (what follows cannot be trusted); the process itself then goes through
 * {@link ProcessTemplate.Builder#build()}, which lists all of its problems.
 */
final class ManifestReader {

    private static final List<String> ROOT =
            List.of("format", "template", "documentId", "organisation", "createdAt", "steps", "seal");
    private static final List<String> TEMPLATE = List.of("id", "version");
    private static final List<String> STEP = List.of("id", "meaning", "assignees");
    private static final List<String> PARALLEL = List.of("parallel");
    private static final List<String> ASSIGNEES = List.of("organisation", "users", "roles", "required");

    private final JsonNode root;

    ManifestReader(JsonNode root) {
        this.root = root;
    }

    ProcessManifest read() throws ConfigException {
        fields(root, "", ROOT);
        String format = text(root, "", "format");
        if (!format.equals(ProcessManifestCodec.FORMAT)) {
            throw problem("format", quote(format) + " (expected: " + ProcessManifestCodec.FORMAT + ")");
        }
        JsonNode template = root.get("template");
        fields(template, "template", TEMPLATE);
        ProcessTemplate.Builder builder = ProcessTemplate.builder(text(template, "template", "id"),
                                                                  integer(template, "template", "version"));
        String documentId = nonBlank(root, "", "documentId", "a document id");
        String organisation = nonBlank(root, "", "organisation", "an organisation id");
        Instant createdAt = instant(root, "createdAt");
        JsonNode steps = array(root, "", "steps");
        for (int i = 0; i < steps.size(); i++) {
            JsonNode stage = steps.get(i);
            String path = "steps[" + i + "]";
            if (stage.isObject() && stage.has("parallel")) {
                fields(stage, path, PARALLEL);
                JsonNode parallel = array(stage, path, "parallel");
                List<Step.Builder> group = new ArrayList<>();
                for (int j = 0; j < parallel.size(); j++) {
                    group.add(step(parallel.get(j), path + ".parallel[" + j + "]"));
                }
                builder.parallel(group);
            } else {
                builder.step(step(stage, path));
            }
        }
        JsonNode seal = root.get("seal");
        if (!seal.isNull()) {
            builder.organisationSeal(text(root, "", "seal"));
        }
        return new ProcessManifest(builder.build(), documentId, organisation, createdAt);
    }

    private Step.Builder step(JsonNode step, String path) throws ConfigException {
        fields(step, path, STEP);
        String meaningName = text(step, path, "meaning");
        StepMeaning meaning = StepMeaning.fromWireName(meaningName).orElseThrow(
                () -> problem(path + ".meaning", quote(meaningName) + " (expected: " + StepMeaning.expectedNames()
                                                 + ")"));
        JsonNode assignees = step.get("assignees");
        String at = path + ".assignees";
        fields(assignees, at, ASSIGNEES);
        return Step.builder(text(step, path, "id"), meaning)
                   .organisation(text(assignees, at, "organisation"))
                   .users(strings(assignees, at, "users"))
                   .roles(strings(assignees, at, "roles"))
                   .required(integer(assignees, at, "required"));
    }

    /** {@code node} must be an object with exactly {@code expected} as its fields. */
    private static void fields(JsonNode node, String path, List<String> expected) throws ConfigException {
        if (!node.isObject()) {
            throw problem(path.isEmpty() ? "manifest" : path, shorten(node) + " (expected: an object with fields "
                                                             + String.join(", ", expected) + ")");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!expected.contains(name)) {
                throw problem(join(path, name), "unknown field (expected: one of " + String.join(", ", expected)
                                                + ")");
            }
        }
        for (String name : expected) {
            if (!node.has(name)) {
                throw problem(join(path, name), "missing (expected: " + describe(name) + ")");
            }
        }
    }

    private static String text(JsonNode parent, String path, String name) throws ConfigException {
        JsonNode node = parent.get(name);
        if (!node.isTextual()) {
            throw problem(join(path, name), shorten(node) + " (expected: a string)");
        }
        return node.textValue();
    }

    private static String nonBlank(JsonNode parent, String path, String name, String expected)
            throws ConfigException {
        String value = text(parent, path, name);
        if (value.isBlank()) {
            throw problem(join(path, name), quote(value) + " (expected: " + expected + ")");
        }
        return value;
    }

    private static int integer(JsonNode parent, String path, String name) throws ConfigException {
        JsonNode node = parent.get(name);
        if (!node.isInt()) {
            throw problem(join(path, name), shorten(node) + " (expected: an integer)");
        }
        return node.intValue();
    }

    private static JsonNode array(JsonNode parent, String path, String name) throws ConfigException {
        JsonNode node = parent.get(name);
        if (!node.isArray()) {
            throw problem(join(path, name), shorten(node) + " (expected: an array)");
        }
        return node;
    }

    private static String[] strings(JsonNode parent, String path, String name) throws ConfigException {
        JsonNode array = array(parent, path, name);
        String[] values = new String[array.size()];
        for (int k = 0; k < values.length; k++) {
            JsonNode value = array.get(k);
            if (!value.isTextual()) {
                throw problem(join(path, name) + "[" + k + "]", shorten(value) + " (expected: a string)");
            }
            values[k] = value.textValue();
        }
        return values;
    }

    /** Only the canonical UTC form: an offset or a local time would make the same manifest encode differently. */
    private static Instant instant(JsonNode parent, String name) throws ConfigException {
        String value = text(parent, "", name);
        try {
            Instant instant = Instant.parse(value);
            if (instant.toString().equals(value)) {
                return instant;
            }
        } catch (DateTimeException e) {
            // reported below, like a non-canonical time
        }
        throw problem(name, quote(value) + " (expected: a UTC time in ISO-8601 such as 2026-11-21T10:15:30Z)");
    }

    private static String describe(String field) {
        return switch (field) {
            case "template" -> "an object with fields id, version";
            case "steps", "parallel" -> "an array of steps";
            case "assignees" -> "an object with fields organisation, users, roles, required";
            case "users", "roles" -> "an array of strings";
            case "version", "required" -> "an integer";
            case "seal" -> "a step id or null";
            case "createdAt" -> "a UTC time in ISO-8601 such as 2026-11-21T10:15:30Z";
            default -> "a string";
        };
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    private static String quote(String value) {
        return '"' + value + '"';
    }

    /** The offending JSON value as it appeared, cut short so that a message stays one line. */
    private static String shorten(JsonNode node) {
        String text = node.toString();
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static ConfigException problem(String path, String message) {
        return new ConfigException(List.of(new ConfigError(Optional.empty(), 0, path, message)));
    }
}
