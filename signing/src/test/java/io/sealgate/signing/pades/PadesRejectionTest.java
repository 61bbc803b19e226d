package io.sealgate.signing.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.signing.DocumentRejectedException;
import io.sealgate.signing.testing.SoftwarePki;

import eu.europa.esig.dss.enumerations.CertificationPermission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/** Documents the signer must refuse with {@link DocumentRejectedException} and a sentence, and one it must not. */
class PadesRejectionTest {

    private static final SoftwarePki PKI = new SoftwarePki("Sealgate Test", "Sealgate Test");

    @TempDir
    Path dir;

    @Test
    void aTextFileIsRefusedAsNotAPdf() {
        assertRejected(SampleDocuments.NOT_A_PDF.copyTo(dir),
                "cannot sign not-a-pdf.txt: it is not a PDF (no %PDF- header in its first 1024 bytes)");
    }

    @Test
    void anEncryptedPdfIsRefused() {
        assertRejected(SampleDocuments.ENCRYPTED.copyTo(dir),
                "cannot sign encrypted.pdf: it is encrypted, and Sealgate signs only unencrypted PDFs");
    }

    @Test
    void aPdfWithABrokenCrossReferenceTableIsRefused() {
        Path in = SampleDocuments.BROKEN_XREF.copyTo(dir);

        assertThatThrownBy(() -> sign(in))
                .isInstanceOf(DocumentRejectedException.class)
                .hasMessageStartingWith("cannot sign broken-xref.pdf: it cannot be parsed as a PDF, its "
                        + "cross-reference table or an object is broken (");
        assertThat(dir.resolve("out.pdf")).doesNotExist();
    }

    @Test
    void aTruncatedPdfIsRefused() throws Exception {
        Path whole = SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir);
        Path in = dir.resolve("truncated.pdf");
        byte[] bytes = Files.readAllBytes(whole);
        Files.write(in, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        assertThatThrownBy(() -> sign(in))
                .isInstanceOf(DocumentRejectedException.class)
                .hasMessageStartingWith("cannot sign truncated.pdf: it cannot be parsed as a PDF");
    }

    @Test
    void aDocumentCertifiedWithNoChangesAllowedIsRefused() throws Exception {
        Path in = ForeignSignatures.certifiedByDss(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir),
                dir.resolve("certified.pdf"), PKI.newSigningKey("notary", "EC"),
                CertificationPermission.NO_CHANGE_PERMITTED);

        assertRejected(in, "cannot sign certified.pdf: it carries a certification signature (DocMDP P=1) that "
                + "forbids any change to the document");
    }

    @Test
    void aDocumentCertifiedWithFormFillingAndSigningAllowedIsSigned() throws Exception {
        Path in = ForeignSignatures.certifiedByDss(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir),
                dir.resolve("certified.pdf"), PKI.newSigningKey("notary", "EC"),
                CertificationPermission.CHANGES_PERMITTED);
        Path out = sign(in);

        assertThat(DssValidation.outcomes(DssValidation.validate(out, PKI.root, PKI.crl(PKI.root), PKI.crl(PKI.ca)))
                .values()).containsExactly("TOTAL_PASSED PAdES-BASELINE-B", "TOTAL_PASSED PAdES-BASELINE-B");
    }

    private void assertRejected(Path in, String message) {
        assertThatThrownBy(() -> sign(in)).isInstanceOf(DocumentRejectedException.class).hasMessage(message);
        assertThat(dir.resolve("out.pdf")).doesNotExist();
    }

    private Path sign(Path in) throws Exception {
        Path out = dir.resolve("out.pdf");
        new PadesSigner().sign(in, out, PadesParameters.builder(PadesLevel.BASELINE_B).build(),
                PKI.newSigningKey("alice", "EC"));
        return out;
    }
}
