package io.sealgate.signing.pades;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.documents.SampleDocuments;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

class PadesSignerTest {

    private static final TestPki PKI = new TestPki();

    @TempDir
    Path dir;

    @Test
    void oneBaselineBSignatureIsValidForDss() throws Exception {
        Path in = SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir);
        Path out = dir.resolve("signed.pdf");
        new PadesSigner().sign(in, out, PadesParameters.builder(PadesLevel.BASELINE_B).signerName("alice").build(),
                PKI.newSigningKey("alice", "EC"));
        System.out.println(DssValidation.outcomes(DssValidation.validate(out, PKI.root, PKI.crl(PKI.root), PKI.crl(PKI.ca))));
        System.out.println(PdfTools.pdfsig(out));
        System.out.println(PdfTools.qpdfCheck(out));
        assertThat(out).exists();
    }
}
