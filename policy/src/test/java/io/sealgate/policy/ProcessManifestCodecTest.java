package io.sealgate.policy;

import io.sealgate.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProcessManifestCodecTest {

    private static final String CANONICAL = resource("purchase-order.json");

    @Test
    void encodingIsTheCanonicalJson() {
        assertThat(new String(ProcessManifestCodec.encode(Processes.purchaseOrderManifest()), StandardCharsets.UTF_8))
                .isEqualTo(CANONICAL);
    }

    @Test
    void decodingTheCanonicalJsonGivesTheManifestBack() throws ManifestFormatException {
        assertThat(decode(CANONICAL)).isEqualTo(Processes.purchaseOrderManifest());
    }

    @Test
    void manifestSurvivesARoundTripByteForByte() throws ManifestFormatException {
        byte[] bytes = ProcessManifestCodec.encode(Processes.purchaseOrderManifest());

        assertThat(ProcessManifestCodec.encode(ProcessManifestCodec.decode(bytes))).isEqualTo(bytes);
    }

    @Test
    void decodingAcceptsAnyFieldOrderAndWhitespaceAndReencodesCanonically() throws ManifestFormatException {
        ProcessManifest manifest = decode(resource("purchase-order-reordered.json"));

        assertThat(manifest).isEqualTo(Processes.purchaseOrderManifest());
        assertThat(new String(ProcessManifestCodec.encode(manifest), StandardCharsets.UTF_8)).isEqualTo(CANONICAL);
    }

    @Test
    void manifestWithoutSealNonAsciiNamesAndFractionalTimeRoundTrips() throws Exception {
        ProcessManifest manifest = new ProcessManifest(ProcessTemplate.builder("memo", 1)
                .step(Step.builder("create", StepMeaning.CREATE).users("jürgen"))
                .build(), "/Ablage/Bestellung Müller.pdf", "müller-gmbh", Instant.parse("2026-11-21T10:00:00.125Z"));

        String json = new String(ProcessManifestCodec.encode(manifest), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"format\":\"sealgate-process-manifest/1\",\"template\":{\"id\":\"memo\","
                + "\"version\":1},\"documentId\":\"/Ablage/Bestellung Müller.pdf\",\"organisation\":\"müller-gmbh\","
                + "\"createdAt\":\"2026-11-21T10:00:00.125Z\",\"steps\":[{\"id\":\"create\",\"meaning\":\"create\","
                + "\"assignees\":{\"organisation\":\"müller-gmbh\",\"users\":[\"jürgen\"],\"roles\":[],"
                + "\"required\":1}}],\"seal\":null}");
        assertThat(decode(json)).isEqualTo(manifest);
    }

    @Test
    void notJsonIsRefused() {
        assertRefused("{\"format\":",
                      "not JSON: Unexpected end-of-input within/between Object entries (at line 1, column 11)");
    }

    @Test
    void emptyInputIsRefused() {
        assertRefused("", "empty (expected: a JSON object)");
    }

    @Test
    void rootThatIsNotAnObjectIsRefused() {
        assertRefused("[]", "manifest: [] (expected: an object with fields format, template, documentId,"
                            + " organisation, createdAt, steps, seal)");
    }

    @Test
    void duplicateFieldIsRefused() {
        assertRefused(CANONICAL.replace("\"organisation\":\"acme\",\"createdAt\"",
                                        "\"organisation\":\"acme\",\"organisation\":\"evil\",\"createdAt\""),
                      "not JSON: Duplicate field 'organisation' (at line 1, column 155)");
    }

    @Test
    void trailingContentIsRefused() {
        assertRefused(CANONICAL + "{}", "not JSON: content after the end of the manifest (at line 1, column 687)");
    }

    @Test
    void unknownFieldIsRefused() {
        assertRefused(CANONICAL.replace("\"seal\":\"seal\"}", "\"seal\":\"seal\",\"expires\":\"never\"}"),
                      "expires: unknown field (expected: one of format, template, documentId, organisation,"
                      + " createdAt, steps, seal)");
    }

    @Test
    void unknownNestedFieldIsRefusedWithItsPath() {
        assertRefused(CANONICAL.replace("\"required\":2}", "\"required\":2,\"group\":\"board\"}"),
                      "steps[2].assignees.group: unknown field (expected: one of organisation, users, roles,"
                      + " required)");
    }

    @Test
    void missingFieldIsRefused() {
        assertRefused(CANONICAL.replace(",\"seal\":\"seal\"", ""), "seal: missing (expected: a step id or null)");
    }

    @Test
    void missingNestedFieldIsRefusedWithItsPath() {
        assertRefused(CANONICAL.replace("\"id\":\"legal\",\"meaning\":\"review\",", "\"id\":\"legal\","),
                      "steps[1].parallel[0].meaning: missing (expected: a string)");
    }

    @Test
    void parallelGroupInsideAParallelGroupIsRefused() {
        assertRefused(CANONICAL.replace("{\"parallel\":[{\"id\":\"legal\"",
                                        "{\"parallel\":[{\"parallel\":[]},{\"id\":\"legal\""),
                      "steps[1].parallel[0].parallel: unknown field (expected: one of id, meaning, assignees)");
    }

    @Test
    void wrongFormatIsRefused() {
        assertRefused(CANONICAL.replace("manifest/1", "manifest/2"),
                      "format: \"sealgate-process-manifest/2\" (expected: sealgate-process-manifest/1)");
    }

    @Test
    void versionAsStringIsRefused() {
        assertRefused(CANONICAL.replace("\"version\":3", "\"version\":\"3\""),
                      "template.version: \"3\" (expected: an integer)");
    }

    @Test
    void fractionalRequiredCountIsRefused() {
        assertRefused(CANONICAL.replace("\"required\":2", "\"required\":2.0"),
                      "steps[2].assignees.required: 2.0 (expected: an integer)");
    }

    @Test
    void timeWithAnOffsetIsRefused() {
        assertRefused(CANONICAL.replace("2026-11-21T10:00:00Z", "2026-11-21T11:00:00+01:00"),
                      "createdAt: \"2026-11-21T11:00:00+01:00\" (expected: a UTC time in ISO-8601 such as"
                      + " 2026-11-21T10:15:30Z)");
    }

    @Test
    void nonCanonicalUtcTimeIsRefused() {
        assertRefused(CANONICAL.replace("2026-11-21T10:00:00Z", "2026-11-21T10:00:00.000Z"),
                      "createdAt: \"2026-11-21T10:00:00.000Z\" (expected: a UTC time in ISO-8601 such as"
                      + " 2026-11-21T10:15:30Z)");
    }

    @Test
    void unknownMeaningIsRefused() {
        assertRefused(CANONICAL.replace("\"meaning\":\"approve\"", "\"meaning\":\"sign\""),
                      "steps[2].meaning: \"sign\" (expected: create, review, approve or seal)");
    }

    @Test
    void userThatIsNotAStringIsRefused() {
        assertRefused(CANONICAL.replace("[\"erin\",", "[7,"), "steps[2].assignees.users[0]: 7 (expected: a string)");
    }

    @Test
    void processBreakingTemplateRulesIsRefusedWithEveryProblem() {
        assertRefused(CANONICAL.replace("\"purchase-order\"", "\"\"")
                               .replace("\"users\":[\"erin\",\"frank\",\"grace\"]", "\"users\":[]"),
                      "template.id: \"\" (expected: letters, digits, '.', '_' or '-', starting with a letter or digit,"
                      + " at most 64 characters); steps[2].assignees: empty (expected: at least one user or role)");
    }

    @Test
    void blankDocumentIdIsRefused() {
        assertRefused(CANONICAL.replace("/docs/po-17.pdf", " "), "documentId: \" \" (expected: a document id)");
    }

    @Test
    void builderErrorsAndCodecErrorsNameTheSamePaths() {
        // The YAML loader and the manifest reader share the builder, so a path means the same thing in both.
        assertThatThrownBy(() -> ProcessTemplate.builder("po", 1)
                .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                .parallel(Step.builder("legal", StepMeaning.REVIEW), Step.builder("finance", StepMeaning.REVIEW)
                                                                         .users("dave"))
                .build())
                .isInstanceOf(ConfigException.class)
                .hasMessage("<config>: steps[1].parallel[0].assignees: empty (expected: at least one user or role)");
    }

    private static void assertRefused(String json, String problems) {
        assertThatThrownBy(() -> decode(json))
                .isInstanceOf(ManifestFormatException.class)
                .hasMessage("invalid process manifest: " + problems);
    }

    private static ProcessManifest decode(String json) throws ManifestFormatException {
        return ProcessManifestCodec.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String resource(String name) {
        try (InputStream in = ProcessManifestCodecTest.class.getResourceAsStream(
                "ProcessManifestCodecTest/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
