package io.sealgate.signing.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.signing.pades.PadesLevel;
import io.sealgate.signing.testing.SoftwarePki;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Every published PDF signature attack, generated from a document our signer produced, is reported as a
 * violation. What EU DSS and pdfsig say about the same file is recorded in
 * {@code target/verify-attacks.md} (summarised in docs/verification.md), not asserted: they are the reference, not
 * the specification.
 */
class AttackDetectionTest {

    static final SoftwarePki PKI = new SoftwarePki("Attack Test", "Test");
    static final Map<String, String> RECORD = new TreeMap<>();

    @TempDir
    static Path dir;
    static SignedPdfs pdfs;
    static Path signed;
    static Path certified2;
    static Path certified3;

    @BeforeAll
    static void setUp() throws Exception {
        pdfs = new SignedPdfs(PKI, dir);
        signed = pdfs.sign(pdfs.created(PadesLevel.BASELINE_T), pdfs.carol, "legal", PadesLevel.BASELINE_T);
        certified2 = PdfBoxSigning.sign(pdfs.original(), dir.resolve("certified-p2.pdf"),
                PdfBoxSigning.software(pdfs.alice), 2);
        certified3 = PdfBoxSigning.sign(pdfs.original(), dir.resolve("certified-p3.pdf"),
                PdfBoxSigning.software(pdfs.alice), 3);
    }

    @AfterAll
    static void writeRecord() throws Exception {
        ReferenceValidators.writeRecord("attack", RECORD, "verify-attacks.md");
    }

    @Test
    void untouchedDocumentsAreValidSoTheAttacksBelowAreWhatBreaksThem() throws Exception {
        assertThat(verify("baseline: signed by us", signed).verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(verify("baseline: certified P=2 (PDFBox example signer)", certified2).verdict())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void incrementalSavingAttackReplacingContentIsReported() throws Exception {
        VerificationReport r = verify("ISA: page content replaced",
                AttackGenerators.isaReplacesContent(signed, dir.resolve("isa-content.pdf")));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.modifications()).filteredOn(c -> !c.allowed()).extracting(ChangeReport::description)
                .contains("page 1: /Contents changed");
    }

    @Test
    void incrementalSavingAttackAddingAPageIsReported() throws Exception {
        VerificationReport r = verify("ISA: page added",
                AttackGenerators.isaAddsPage(signed, dir.resolve("isa-page.pdf")));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.modifications()).filteredOn(c -> !c.allowed()).extracting(ChangeReport::description)
                .contains("the page tree changed (pages: 1 before, 2 after)");
    }

    @Test
    void incrementalSavingAttackWithoutCrossReferenceIsReported() throws Exception {
        VerificationReport r = verify("ISA: objects appended without xref",
                AttackGenerators.isaWithoutXref(signed, dir.resolve("isa-noxref.pdf")));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.modifications()).filteredOn(c -> !c.allowed()).extracting(ChangeReport::kind)
                .isNotEmpty();
    }

    @Test
    void signatureWrappingIsReported() throws Exception {
        Path single = pdfs.created(PadesLevel.BASELINE_B);
        VerificationReport r = verify("SWA: signed part moved, /ByteRange rewritten",
                AttackGenerators.signatureWrapping(single, dir.resolve("swa.pdf")));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.signatures().get(0).reason()).endsWith("leaves out bytes that are not a hex string");
    }

    @ParameterizedTest
    @EnumSource(AttackGenerators.Forgery.class)
    void universalSignatureForgeryIsReported(AttackGenerators.Forgery forgery) throws Exception {
        VerificationReport r = verify("USF: " + forgery, AttackGenerators.universalForgery(pdfs.original(),
                dir.resolve("usf-" + forgery + ".pdf"), forgery, "alice"));

        String expected = switch (forgery) {
            case CONTENTS_MISSING, CONTENTS_NULL -> "the signature has no /Contents";
            case CONTENTS_EMPTY -> "the signature's /Contents is not a non-empty string";
            case BYTE_RANGE_MISSING, BYTE_RANGE_NULL -> "the signature has no /ByteRange";
            case BYTE_RANGE_ZEROS -> "/ByteRange [0 0 0 0] does not fit the file of " + r.size() + " bytes";
            case BYTE_RANGE_NEGATIVE -> "the signature's /ByteRange [0, -1, 0, -1] is not four non-negative integers";
        };
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.signatures()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(SignatureStatus.INVALID);
            assertThat(s.checks().get(0)).isEqualTo(CheckResult.failed("byte-range", expected));
        });
    }

    @Test
    void shadowHideIsReported() throws Exception {
        Path victim = pdfs.sign(AttackGenerators.shadowOriginal(dir.resolve("shadow-hide.pdf")), pdfs.alice,
                "create", PadesLevel.BASELINE_B);
        VerificationReport r = verify("Shadow: hide (overlay emptied)",
                AttackGenerators.shadowHide(victim, dir.resolve("shadow-hide-attack.pdf")));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.modifications()).filteredOn(c -> !c.allowed()).extracting(ChangeReport::description)
                .singleElement().asString().startsWith("an XObject (Form) was replaced");
    }

    @Test
    void shadowReplaceIsReported() throws Exception {
        Path victim = pdfs.sign(AttackGenerators.shadowOriginal(dir.resolve("shadow-replace.pdf")), pdfs.alice,
                "create", PadesLevel.BASELINE_B);
        VerificationReport r = verify("Shadow: replace (font overwritten)",
                AttackGenerators.shadowReplace(victim, dir.resolve("shadow-replace-attack.pdf")));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.modifications()).filteredOn(c -> !c.allowed()).extracting(ChangeReport::description)
                .singleElement().asString().startsWith("a font was replaced");
    }

    @Test
    void shadowHideAndReplaceIsReported() throws Exception {
        Path victim = pdfs.sign(AttackGenerators.shadowOriginal(dir.resolve("shadow-hr.pdf")), pdfs.alice,
                "create", PadesLevel.BASELINE_B);
        VerificationReport r = verify("Shadow: hide-and-replace (new catalog)",
                AttackGenerators.shadowHideAndReplace(victim, dir.resolve("shadow-hr-attack.pdf")));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.modifications()).filteredOn(c -> !c.allowed()).extracting(ChangeReport::description)
                .contains("the document catalog was replaced by another object");
    }

    @Test
    void evilAnnotationOnCertificationWithFormFillingIsReported() throws Exception {
        VerificationReport r = verify("Certification: evil annotation (P=2)",
                AttackGenerators.evilAnnotation(certified2, dir.resolve("eaa-p2.pdf")));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.modifications()).extracting(ChangeReport::description, ChangeReport::allowed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a /FreeText annotation was added to page 1",
                        false));
    }

    @Test
    void annotationOnCertificationThatPermitsAnnotationsIsListedButAllowed() throws Exception {
        VerificationReport r = verify("Certification: annotation (P=3, permitted)",
                AttackGenerators.evilAnnotation(certified3, dir.resolve("eaa-p3.pdf")));

        assertThat(r.verdict()).isEqualTo(Verdict.VALID);
        assertThat(r.modifications()).extracting(ChangeReport::description, ChangeReport::allowed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a /FreeText annotation was added to page 1",
                        true));
    }

    @Test
    void sneakySignatureFieldIsReported() throws Exception {
        VerificationReport r = verify("Certification: sneaky signature field (P=2)",
                AttackGenerators.sneakySignatureField(certified2, dir.resolve("ssa-field.pdf")));

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.modifications()).filteredOn(c -> !c.allowed()).extracting(ChangeReport::description)
                .containsExactly("the empty signature field 'Sneaky' was added");
    }

    @Test
    void sneakySignatureByAnUntrustedSignerIsReported() throws Exception {
        SoftwarePki attacker = new SoftwarePki("Attacker", "Test");
        Path attacked = PdfBoxSigning.sign(certified2, dir.resolve("ssa-signed.pdf"),
                PdfBoxSigning.software(attacker.person("alice", "legal")), 0);
        VerificationReport r = verify("Certification: sneaky signature by untrusted signer (P=2)", attacked);

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.signatures().get(1).status()).isEqualTo(SignatureStatus.INDETERMINATE);
    }

    private static VerificationReport verify(String attack, Path file) throws Exception {
        VerificationReport report = pdfs.verifier().verify(file, Optional.empty());
        RECORD.put(attack, report.verdict() + ": " + report.summary().replace("|", "/") + " | "
                + ReferenceValidators.dss(file, PKI.root, PKI.crls()) + " | " + ReferenceValidators.pdfsig(file));
        return report;
    }
}
