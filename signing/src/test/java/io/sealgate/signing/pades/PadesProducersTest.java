package io.sealgate.signing.pades;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.signing.testing.SoftwarePki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;

/** Documents from several producers take a creator's visible seal and an approver's signature. */
class PadesProducersTest {

    private static final SoftwarePki PKI = new SoftwarePki("Sealgate Test", "Sealgate Test");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = SampleDocuments.class,
            names = {"PDFBOX_PURCHASE_ORDER", "ACROFORM", "OBJECT_STREAMS", "CHROMIUM_SKIA"})
    void documentFromThisProducerTakesStackedSignatures(SampleDocuments sample) throws Exception {
        SignatureStack stack = new SignatureStack(PKI, dir, sample.copyTo(dir));
        stack.sign(PKI.newSigningKey("creator", "EC"), PadesLevel.BASELINE_T, "create");
        stack.sign(PKI.newSigningKey("approver", "RSA"), PadesLevel.BASELINE_T, "approve");

        assertAllValid(stack, 2);
    }

    @ParameterizedTest
    @EnumSource(value = SampleDocuments.class, names = {"OBJECT_STREAMS", "CHROMIUM_SKIA", "ACROFORM"})
    void documentFromThisProducerTakesBaselineLtaWithItsDssAndDocumentTimestamp(SampleDocuments sample)
            throws Exception {
        SignatureStack stack = new SignatureStack(PKI, dir, sample.copyTo(dir));
        stack.sign("creator", PadesLevel.BASELINE_LTA);
        stack.sign("org-seal", PadesLevel.BASELINE_LTA);

        assertThat(DssValidation.outcomes(DssValidation.validate(stack.last(), PKI.root)).values())
                .containsExactly("TOTAL_PASSED PAdES-BASELINE-LTA", "TOTAL_PASSED PAdES-BASELINE-LTA");
        assertThat(PdfTools.pdfsigSummary(stack.last())).filteredOn(s -> s.startsWith("ETSI.CAdES"))
                .containsExactly("ETSI.CAdES.detached: Signature is Valid., partial",
                        "ETSI.CAdES.detached: Signature is Valid., partial");
        assertThat(PdfTools.qpdfCheck(stack.last())).doesNotContain("WARNING").endsWith("[exit 0]");
        stack.assertEarlierRevisionsUnchanged();
    }

    @Test
    void sealgateStacksOnASignatureMadeByEuDss() throws Exception {
        Path foreign = ForeignSignatures.signedByDss(SampleDocuments.ACROFORM.copyTo(dir),
                dir.resolve("dss-signed.pdf"), PKI.newSigningKey("other-org", "EC"));
        SignatureStack stack = new SignatureStack(PKI, dir, foreign);
        stack.sign("approver", PadesLevel.BASELINE_T);
        stack.sign("org-seal", PadesLevel.BASELINE_T);

        assertThat(DssValidation.outcomes(DssValidation.validate(stack.last(), PKI.root, PKI.crl(PKI.root),
                PKI.crl(PKI.ca))).values()).containsExactly("TOTAL_PASSED PAdES-BASELINE-B",
                "TOTAL_PASSED PAdES-BASELINE-T", "TOTAL_PASSED PAdES-BASELINE-T");
        assertThat(PdfTools.pdfsigSummary(stack.last())).containsExactly(
                "ETSI.CAdES.detached: Signature is Valid., partial",
                "ETSI.CAdES.detached: Signature is Valid., partial",
                "ETSI.CAdES.detached: Signature is Valid., Total document signed");
        assertThat(PdfTools.qpdfCheck(stack.last())).doesNotContain("WARNING").endsWith("[exit 0]");
        stack.assertEarlierRevisionsUnchanged();
    }

    private static void assertAllValid(SignatureStack stack, int count) throws Exception {
        Path signed = stack.last();
        assertThat(DssValidation.outcomes(DssValidation.validate(signed, PKI.root, PKI.crl(PKI.root),
                PKI.crl(PKI.ca))).values()).hasSize(count).containsOnly("TOTAL_PASSED PAdES-BASELINE-T");
        assertThat(PdfTools.pdfsigSummary(signed)).containsExactly(
                "ETSI.CAdES.detached: Signature is Valid., partial",
                "ETSI.CAdES.detached: Signature is Valid., Total document signed");
        assertThat(PdfTools.qpdfCheck(signed)).contains("No syntax or stream encoding errors found")
                .doesNotContain("WARNING").endsWith("[exit 0]");
        stack.assertEarlierRevisionsUnchanged();
    }
}
