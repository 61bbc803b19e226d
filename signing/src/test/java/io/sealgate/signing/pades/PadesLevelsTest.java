package io.sealgate.signing.pades;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.signing.testing.SoftwarePki;

import eu.europa.esig.dss.simplereport.SimpleReport;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Stacks 1, 3 and 10 signatures at each baseline level and has EU DSS, poppler's pdfsig and qpdf check the result.
 * For B-LT and B-LTA the verifier gets no revocation source: the evidence must come from the document's /DSS.
 */
class PadesLevelsTest {

    private static final SoftwarePki PKI = new SoftwarePki("Sealgate Test", "Sealgate Test");
    private static final String CADES = "ETSI.CAdES.detached: ";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{1} x {0}")
    @CsvSource({
        "BASELINE_B, 1, PAdES-BASELINE-B",
        "BASELINE_B, 3, PAdES-BASELINE-B",
        "BASELINE_B, 10, PAdES-BASELINE-B",
        "BASELINE_T, 1, PAdES-BASELINE-T",
        "BASELINE_T, 3, PAdES-BASELINE-T",
        "BASELINE_T, 10, PAdES-BASELINE-T",
        "BASELINE_LT, 1, PAdES-BASELINE-LT",
        "BASELINE_LT, 3, PAdES-BASELINE-LT",
        "BASELINE_LT, 10, PAdES-BASELINE-LT",
        "BASELINE_LTA, 1, PAdES-BASELINE-LTA",
        "BASELINE_LTA, 3, PAdES-BASELINE-LTA",
        "BASELINE_LTA, 10, PAdES-BASELINE-LTA",
    })
    void stackedSignaturesAllPassEuDssPdfsigAndQpdf(PadesLevel level, int count, String expectedFormat)
            throws Exception {
        SignatureStack stack = new SignatureStack(PKI, dir, SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir));
        for (int i = 0; i < count; i++) {
            stack.sign(i == count - 1 && count > 1 ? "org-seal" : (i == 0 ? "creator" : "approver-" + i), level);
        }
        Path signed = stack.last();

        SimpleReport report = level.needsValidationData()
                ? DssValidation.validate(signed, PKI.root)
                : DssValidation.validate(signed, PKI.root, PKI.crl(PKI.root), PKI.crl(PKI.ca));
        Map<String, String> outcomes = DssValidation.outcomes(report);
        assertThat(outcomes).hasSize(count);
        assertThat(outcomes.values()).containsOnly("TOTAL_PASSED " + expectedFormat);

        List<String> expectedPdfsig = new ArrayList<>(
                Collections.nCopies(count, CADES + "Signature is Valid., partial"));
        if (level == PadesLevel.BASELINE_LTA) {
            // Every signature is followed by its /DSS and a document timestamp, which pdfsig lists as a signature of
            // type "unknown" and cannot check: poppler does not verify RFC 3161 tokens (DSS above does).
            expectedPdfsig = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expectedPdfsig.add(CADES + "Signature is Valid., partial");
                expectedPdfsig.add("unknown: Signature has not yet been verified., "
                        + (i == count - 1 ? "Total document signed" : "partial"));
            }
        } else if (level != PadesLevel.BASELINE_LT) {
            expectedPdfsig.set(count - 1, CADES + "Signature is Valid., Total document signed");
        }
        assertThat(PdfTools.pdfsigSummary(signed)).containsExactlyElementsOf(expectedPdfsig);

        assertThat(PdfTools.qpdfCheck(signed)).contains("No syntax or stream encoding errors found")
                .doesNotContain("WARNING").endsWith("[exit 0]");
        stack.assertEarlierRevisionsUnchanged();
    }
}
