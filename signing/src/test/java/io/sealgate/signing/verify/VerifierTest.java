package io.sealgate.signing.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.signing.pades.PadesLevel;
import io.sealgate.signing.testing.SoftwarePki;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Verdicts, levels, process and report on PDFs our signer produced. */
class VerifierTest {

    static final SoftwarePki PKI = new SoftwarePki("Verifier Test", "Test");

    @TempDir
    static Path dir;
    static SignedPdfs pdfs;
    static Path completeT;

    @BeforeAll
    static void setUp() throws Exception {
        pdfs = new SignedPdfs(PKI, dir);
        completeT = pdfs.complete(PadesLevel.BASELINE_T);
    }

    @Test
    void completeProcessIsValidWithEverySignerAndStep() throws Exception {
        VerificationReport report = pdfs.verifier().verify(completeT, Optional.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.summary()).isEqualTo("all 3 signatures are valid; process po v1 was followed and is "
                + "complete");
        assertThat(report.signatures()).extracting(s -> s.signer().describe() + " " + s.processStep() + " "
                        + s.level() + " " + s.timeSource() + " " + s.status())
                .containsExactly("alice (acme) create T TIMESTAMP VALID", "carol (acme) legal T TIMESTAMP VALID",
                        "the organisation seal of acme seal T TIMESTAMP VALID");
        assertThat(report.process().stepsDone()).containsExactly("create: alice (acme)", "legal: carol (acme)",
                "seal: the organisation seal of acme");
        assertThat(report.modifications()).extracting(ChangeReport::kind, ChangeReport::allowed)
                .containsOnly(org.assertj.core.groups.Tuple.tuple(ChangeKind.SIGNATURE_ADDED, true));
    }

    @Test
    void documentCreatedButNotApprovedIsIncomplete() throws Exception {
        VerificationReport report = pdfs.verifier().verify(pdfs.created(PadesLevel.BASELINE_B), Optional.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(report.verdict().exitCode()).isEqualTo(3);
        assertThat(report.process().pendingSteps()).containsExactly("legal", "seal");
        assertThat(report.signatures().get(0).level()).isEqualTo(BaselineLevel.B);
        assertThat(report.signatures().get(0).timeSource()).isEqualTo(TimeSource.CLAIMED);
    }

    @Test
    void approvalByPersonWithoutTheRoleViolatesTheProcess() throws Exception {
        Path created = pdfs.created(PadesLevel.BASELINE_B);
        Path approved = pdfs.sign(created, pdfs.mallory, "legal", PadesLevel.BASELINE_B);

        VerificationReport report = pdfs.verifier().verify(approved, Optional.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.process().violations()).containsExactly(
                "signature 2 (mallory (acme)) performs step legal, which only role legal of acme may perform");
        assertThat(report.summary()).isEqualTo("process po v1 was violated: signature 2 (mallory (acme)) performs "
                + "step legal, which only role legal of acme may perform");
    }

    @Test
    void levelsAreReadFromTheDocument() throws Exception {
        Verifier verifier = pdfs.verifier();
        for (PadesLevel level : PadesLevel.values()) {
            VerificationReport report = verifier.verify(pdfs.created(level), Optional.empty());
            BaselineLevel expected = switch (level) {
                case BASELINE_B -> BaselineLevel.B;
                case BASELINE_T -> BaselineLevel.T;
                case BASELINE_LT -> BaselineLevel.LT;
                case BASELINE_LTA -> BaselineLevel.LTA;
            };
            assertThat(report.signatures().get(0).level()).as(level.name()).isEqualTo(expected);
            assertThat(report.verdict()).as(level.name()).isEqualTo(Verdict.INCOMPLETE);
        }
    }

    @Test
    void longTermSignatureVerifiesOfflineFromItsOwnValidationData() throws Exception {
        Path lt = pdfs.created(PadesLevel.BASELINE_LTA);
        Verifier offline = Verifier.builder().trustAnchors(List.of(PKI.root)).build();

        VerificationReport report = offline.verify(lt, Optional.empty());

        assertThat(report.signatures()).extracting(SignatureReport::kind, SignatureReport::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(SignatureKind.SIGNATURE, SignatureStatus.VALID),
                        org.assertj.core.groups.Tuple.tuple(SignatureKind.DOCUMENT_TIMESTAMP,
                                SignatureStatus.VALID));
        assertThat(report.modifications()).extracting(ChangeReport::kind).containsExactly(
                ChangeKind.VALIDATION_DATA_ADDED, ChangeKind.DOCUMENT_TIMESTAMP_ADDED);
    }

    @Test
    void signatureWithoutRevocationInformationOfflineIsIndeterminate() throws Exception {
        Verifier offline = Verifier.builder().trustAnchors(List.of(PKI.root)).build();

        VerificationReport report = offline.verify(pdfs.created(PadesLevel.BASELINE_B), Optional.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).status()).isEqualTo(SignatureStatus.INDETERMINATE);
        assertThat(report.signatures().get(0).reason()).startsWith("no revocation information for O=acme,OU=buyer,"
                + "CN=alice,UID=alice");
    }

    @Test
    void signerOfAnotherPkiIsNotTrusted() throws Exception {
        Verifier otherTrust = Verifier.builder().trustAnchors(List.of(new SoftwarePki("Other", "Test").root)).build();

        VerificationReport report = otherTrust.verify(completeT, Optional.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.summary()).startsWith("signature 1 (alice (acme)) is indeterminate: the signature's "
                + "timestamp is not valid: no valid path from the TSA certificate O=Test,CN=Verifier Test TSA");
        assertThat(report.signatures().get(0).checks()).filteredOn(c -> c.check().equals("certificate-path"))
                .extracting(CheckResult::message).singleElement().asString()
                .startsWith("no valid path from the signing certificate O=acme,OU=buyer,CN=alice,UID=alice");
    }

    @Test
    void revokedSignerIsInvalid() throws Exception {
        Path signed = pdfs.created(PadesLevel.BASELINE_B);
        Verifier revoking = Verifier.builder().trustAnchors(List.of(PKI.root))
                .revocationSource(PKI.rootAndCaCrlSource(pdfs.alice.certificate())).build();

        VerificationReport report = revoking.verify(signed, Optional.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.signatures().get(0).reason()).contains("was revoked on");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(value = io.sealgate.fixtures.documents.SampleDocuments.class,
            names = {"PDFBOX_PURCHASE_ORDER", "ACROFORM", "OBJECT_STREAMS", "CHROMIUM_SKIA"})
    void documentsOfEveryProducerStayValidWithStackedSignatures(io.sealgate.fixtures.documents.SampleDocuments sample)
            throws Exception {
        Path original = sample.copyTo(Files.createDirectories(dir.resolve(sample.name())));
        Path once = pdfs.sign(original, pdfs.alice, "create", PadesLevel.BASELINE_LT);
        Path twice = pdfs.sign(once, pdfs.carol, "legal", PadesLevel.BASELINE_T);

        VerificationReport report = pdfs.verifier().verify(twice, Optional.empty());

        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(report.modifications()).allMatch(ChangeReport::allowed);
    }

    @Test
    void creatorSignatureAddedToAnAlreadySignedPdfChangesItsAttachments() throws Exception {
        Path approved = pdfs.sign(pdfs.original(), pdfs.carol, "legal", PadesLevel.BASELINE_B);
        Path created = pdfs.sign(approved, pdfs.alice, "create", PadesLevel.BASELINE_B);

        VerificationReport report = pdfs.verifier().verify(created, Optional.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.modifications()).filteredOn(c -> !c.allowed()).extracting(ChangeReport::description)
                .containsExactly("the document catalog's /Names changed");
    }

    @Test
    void signatureAfterCertificationThatForbidsChangesIsReported() throws Exception {
        Path certified = PdfBoxSigning.sign(pdfs.original(), dir.resolve("p1.pdf"), PdfBoxSigning.software(pdfs.alice),
                1);
        Path signedAgain = PdfBoxSigning.sign(certified, dir.resolve("p1-signed.pdf"),
                PdfBoxSigning.software(pdfs.carol), 0);

        VerificationReport report = pdfs.verifier().verify(signedAgain, Optional.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.modifications()).extracting(ChangeReport::description, ChangeReport::allowed)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a signature was added ('Signature2'), which the "
                        + "certification signature (P=1) forbids", false));
    }

    @Test
    void formFillingAfterCertificationThatPermitsItIsAllowed() throws Exception {
        Path certified = PdfBoxSigning.sign(acroform("fill"), dir.resolve("p2-form.pdf"),
                PdfBoxSigning.software(pdfs.alice), 2);

        VerificationReport report = pdfs.verifier().verify(fillForm(certified, "p2-filled.pdf"), Optional.empty());

        assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.VALID);
        assertThat(report.modifications()).extracting(ChangeReport::kind, ChangeReport::allowed)
                .contains(org.assertj.core.groups.Tuple.tuple(ChangeKind.FORM_FIELD_CHANGED, true));
    }

    @Test
    void formFillingOfFieldsALaterSignatureLockedIsReported() throws Exception {
        Path certified = PdfBoxSigning.sign(acroform("lock"), dir.resolve("p2-locked.pdf"),
                PdfBoxSigning.software(pdfs.alice), 2, true);

        VerificationReport report = pdfs.verifier().verify(fillForm(certified, "p2-locked-filled.pdf"),
                Optional.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.modifications()).filteredOn(c -> !c.allowed()).extracting(ChangeReport::description)
                .containsExactly("the value of form field 'supplier' changed, which a signature locked",
                        "the form's default resources changed with the filled values",
                        "the appearance of form field 'supplier' was regenerated with its value");
    }

    private static Path acroform(String name) throws Exception {
        return io.sealgate.fixtures.documents.SampleDocuments.ACROFORM.copyTo(
                Files.createDirectories(dir.resolve("acroform-" + name)));
    }

    /** Sets every text field to a new value in an incremental update, as a viewer filling the form would. */
    private static Path fillForm(Path in, String name) throws Exception {
        Path out = dir.resolve(name);
        try (var doc = org.apache.pdfbox.Loader.loadPDF(in.toFile());
             var os = Files.newOutputStream(out)) {
            var form = doc.getDocumentCatalog().getAcroForm();
            java.util.Set<org.apache.pdfbox.cos.COSDictionary> changed = new java.util.HashSet<>();
            for (var field : form.getFieldTree()) {
                if (field instanceof org.apache.pdfbox.pdmodel.interactive.form.PDTextField text) {
                    text.setValue("changed after signing");
                    changed.add(text.getCOSObject());
                    text.getWidgets().forEach(w -> changed.add(w.getCOSObject()));
                }
            }
            assertThat(changed).isNotEmpty();
            doc.saveIncremental(os, changed);
        }
        return out;
    }

    @Test
    void timestampKeepsASignatureValidAfterTheCertificateExpires() throws Exception {
        Path timestamped = pdfs.created(PadesLevel.BASELINE_T);
        Path untimestamped = pdfs.created(PadesLevel.BASELINE_B);
        java.time.Instant later = java.time.Instant.now().plus(java.time.Duration.ofDays(400));
        Verifier inTheFuture = Verifier.builder().trustAnchors(List.of(PKI.root))
                .revocationSource(PKI.rootAndCaCrlSource())
                .clock(java.time.Clock.fixed(later, java.time.ZoneOffset.UTC)).build();

        SignatureReport proven = inTheFuture.verify(timestamped, Optional.empty()).signatures().get(0);
        SignatureReport claimed = inTheFuture.verify(untimestamped, Optional.empty()).signatures().get(0);

        assertThat(proven.status()).as(String.valueOf(proven.reason())).isEqualTo(SignatureStatus.VALID);
        assertThat(claimed.status()).isEqualTo(SignatureStatus.INDETERMINATE);
        assertThat(claimed.reason()).startsWith("the signing certificate O=acme,OU=buyer,CN=alice,UID=alice")
                .endsWith(", and no trusted timestamp proves the signature was made before");
    }

    @Test
    void anyChangedByteOutsideTheSignatureValuesMakesTheDocumentInvalid() throws Exception {
        byte[] original = Files.readAllBytes(completeT);
        java.util.List<long[]> gaps = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("/ByteRange \\[0 (\\d+) (\\d+) (\\d+)")
                .matcher(new String(original, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            gaps.add(new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))});
        }
        java.util.Random random = new java.util.Random(42);
        Verifier verifier = pdfs.verifier();
        int checked = 0;
        while (checked < 40) {
            int at = random.nextInt(original.length);
            if (gaps.stream().anyMatch(g -> at >= g[0] && at < g[1])) {
                continue; // inside a /Contents value: not signed bytes, checked by the CMS parser instead
            }
            byte[] changed = original.clone();
            changed[at] = (byte) (changed[at] ^ (1 << random.nextInt(8)));

            VerificationReport report = verifier.verifyPdf("fuzz-" + at + ".pdf", changed);

            assertThat(report.verdict()).as("byte %d changed: %s", at, report.summary()).isEqualTo(Verdict.INVALID);
            checked++;
        }
    }

    @Test
    void unsignedPdfIsInvalid() throws Exception {
        VerificationReport report = pdfs.verifier().verify(pdfs.original(), Optional.empty());

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.summary()).isEqualTo("the document carries no signature");
    }

    @Test
    void fileThatIsNeitherPdfNorSignatureIsRefused() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");

        assertThatThrownBy(() -> pdfs.verifier().verify(text, Optional.empty()))
                .isInstanceOf(VerificationException.class)
                .hasMessageStartingWith("not a CMS signature: ");
    }

    @Test
    void missingFileIsRefusedWithItsName() {
        Path missing = dir.resolve("missing.pdf");

        assertThatThrownBy(() -> pdfs.verifier().verify(missing, Optional.empty()))
                .isInstanceOf(VerificationException.class)
                .hasMessage("cannot read " + missing + ": no such file");
    }

    @Test
    void jsonReportReadsBackEqual() throws Exception {
        VerificationReport report = pdfs.verifier().verify(completeT, Optional.empty());

        byte[] json = ReportJson.toJson(report);

        assertThat(ReportJson.fromJson(json)).isEqualTo(report);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"verdict\" : \"VALID\"",
                "\"timeSource\" : \"TIMESTAMP\"", "\"level\" : \"T\"");
    }
}
