package io.sealgate.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sealgate.config.ConfigException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.stream.Collectors;

/**
 * The JSON form of a {@link ProcessManifest}, as embedded in documents (schema: docs/process-assurance.md).
 *
 * <p>{@link #encode} is canonical: UTF-8, no whitespace, fields in a fixed order, users and roles sorted, times in
 * UTC ISO-8601 ({@code 2026-11-21T10:15:30Z}), so the same manifest always gives the same bytes. {@link #decode} is
 * strict: every field must be present with its type, unknown and duplicate fields are refused, times must be UTC,
 * and the process must pass the same checks as a template built from YAML; it accepts any field order and
 * whitespace, since the creator's signature, not the layout, protects the bytes. Thread-safe.
 */
public final class ProcessManifestCodec {

    /** The value of the {@code format} field; a new layout gets a new value. */
    public static final String FORMAT = "sealgate-process-manifest/1";

    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ProcessManifestCodec() {
    }

    /** The canonical UTF-8 JSON of {@code manifest}. */
    public static byte[] encode(ProcessManifest manifest) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            ProcessTemplate process = manifest.process();
            json.writeStartObject();
            json.writeStringField("format", FORMAT);
            json.writeObjectFieldStart("template");
            json.writeStringField("id", process.id());
            json.writeNumberField("version", process.version());
            json.writeEndObject();
            json.writeStringField("documentId", manifest.documentId());
            json.writeStringField("organisation", manifest.organisation());
            json.writeStringField("createdAt", manifest.createdAt().toString());
            json.writeArrayFieldStart("steps");
            for (Stage stage : process.stages()) {
                if (stage.parallel()) {
                    json.writeStartObject();
                    json.writeArrayFieldStart("parallel");
                    for (Step step : stage.steps()) {
                        writeStep(json, step);
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                } else {
                    writeStep(json, stage.steps().get(0));
                }
            }
            json.writeEndArray();
            if (process.sealStepId().isPresent()) {
                json.writeStringField("seal", process.sealStepId().get());
            } else {
                json.writeNullField("seal");
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to memory", e);
        }
        return out.toByteArray();
    }

    private static void writeStep(JsonGenerator json, Step step) throws IOException {
        Assignees who = step.assignees();
        json.writeStartObject();
        json.writeStringField("id", step.id());
        json.writeStringField("meaning", step.meaning().wireName());
        json.writeObjectFieldStart("assignees");
        // A manifest's steps always name their organisation (ProcessManifest resolves them).
        json.writeStringField("organisation", who.organisation().orElseThrow());
        writeStrings(json, "users", who.users());
        writeStrings(json, "roles", who.roles());
        json.writeNumberField("required", who.required());
        json.writeEndObject();
        json.writeEndObject();
    }

    private static void writeStrings(JsonGenerator json, String name, Collection<String> values) throws IOException {
        json.writeArrayFieldStart(name);
        for (String value : values) {
            json.writeString(value);
        }
        json.writeEndArray();
    }

    /**
     * Parses and validates a manifest.
     *
     * @throws ManifestFormatException naming what is wrong and where
     */
    public static ProcessManifest decode(byte[] json) throws ManifestFormatException {
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(json)) {
            root = MAPPER.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw new ManifestFormatException("not JSON: content after the end of the manifest (at line "
                        + parser.currentTokenLocation().getLineNr() + ", column "
                        + parser.currentTokenLocation().getColumnNr() + ")");
            }
        } catch (JsonProcessingException e) {
            throw new ManifestFormatException("not JSON: " + e.getOriginalMessage() + " (at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: reading from memory", e);
        }
        if (root == null || root.isMissingNode()) {
            throw new ManifestFormatException("empty (expected: a JSON object)");
        }
        try {
            return new ManifestReader(root).read();
        } catch (ConfigException e) {
            throw new ManifestFormatException(e.errors().stream()
                    // The builder names the template's own fields; in the manifest they sit under "template".
                    .map(error -> (error.key().equals("id") || error.key().equals("version")
                                   ? "template." + error.key() : error.key()) + ": " + error.message())
                    .collect(Collectors.joining("; ")));
        }
    }
}
