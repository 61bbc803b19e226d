package io.sealgate.signing.verify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * The JSON form of a {@link VerificationReport} (schema: docs/verification.md): the records' components as
 * fields in declaration order, enums by name, times as ISO-8601 UTC strings, absent values as {@code null}.
 * Thread-safe.
 */
public final class ReportJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private ReportJson() {
    }

    /** Pretty-printed UTF-8 JSON. */
    public static byte[] toJson(VerificationReport report) {
        try {
            return MAPPER.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot happen: the report is plain records", e);
        }
    }

    /** Reads a report back (for clients and tests). */
    public static VerificationReport fromJson(byte[] json) throws JsonProcessingException {
        try {
            return MAPPER.readValue(json, VerificationReport.class);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot happen: reading from memory", e);
        }
    }
}
