package io.sealgate.signing.pades;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.signing.DocumentSigner;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.SignatureRequest;
import io.sealgate.signing.testing.SoftwarePki;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link PadesFormatSigner} as {@link DocumentSigner} finds it through {@code META-INF/services}. */
class PadesFormatSignerTest {

    private static final SoftwarePki PKI = new SoftwarePki("Sealgate Test", "Sealgate Test");

    @TempDir
    Path dir;

    @Test
    void documentSignerPicksPadesForAPdfWhateverItsName() throws Exception {
        Path pdf = SampleDocuments.CHROMIUM_SKIA.copyTo(dir);
        Path renamed = java.nio.file.Files.copy(pdf, dir.resolve("upload.bin"));

        assertThat(DocumentSigner.standard().signerFor(pdf).format()).isEqualTo("PAdES");
        assertThat(DocumentSigner.standard().signerFor(renamed).format()).isEqualTo("PAdES");
        assertThat(DocumentSigner.standard().signerFor(SampleDocuments.NOT_A_PDF.copyTo(dir)).format())
                .isEqualTo("CAdES");
    }

    @Test
    void signedPdfGoesBesideTheInputWithSignedInItsName() {
        assertThat(new PadesFormatSigner().defaultOutput(Path.of("/srv/po-17.PDF")))
                .isEqualTo(Path.of("/srv/po-17.signed.pdf"));
    }

    @Test
    void aSignatureRequestBecomesAPadesSignatureAtItsLevel() throws Exception {
        Path in = SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir);
        Path out = dir.resolve("po.signed.pdf");

        DocumentSigner.standard().sign(in, out, SignatureRequest.builder(SignatureLevel.B_LT)
                .processStepId("create").timestampSource(PKI.timestampSource())
                .revocationSource(PKI.crlSource()).build(), PKI.newSigningKey("alice", "EC"));

        assertThat(DssValidation.outcomes(DssValidation.validate(out, PKI.root)).values())
                .containsExactly("TOTAL_PASSED PAdES-BASELINE-LT");
    }
}
