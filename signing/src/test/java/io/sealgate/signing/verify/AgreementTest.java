package io.sealgate.signing.verify;

import static org.assertj.core.api.Assertions.assertThat;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.FileDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.pades.PAdESSignatureParameters;
import eu.europa.esig.dss.pades.signature.PAdESService;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.pades.PadesLevel;
import io.sealgate.signing.testing.SoftwarePki;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Our verdict per signature agrees with EU DSS (VALID ⇔ TOTAL_PASSED) and with pdfsig (valid signature value) on
 * documents our signer made (1 and 3 stacked signatures at every level), on documents signed by DSS's
 * {@code PAdESService} and by PDFBox's example signer, and on a tampered document. The outcomes are written to
 * {@code target/verify-agreement.md}.
 */
class AgreementTest {

    static final SoftwarePki PKI = new SoftwarePki("Agreement Test", "Test");
    static final Map<String, String> RECORD = new TreeMap<>();

    @TempDir
    static Path dir;
    static SignedPdfs pdfs;

    @BeforeAll
    static void setUp() {
        pdfs = new SignedPdfs(PKI, dir);
    }

    @AfterAll
    static void writeRecord() throws Exception {
        ReferenceValidators.writeRecord("document", RECORD, "verify-agreement.md");
    }

    @ParameterizedTest
    @EnumSource(PadesLevel.class)
    void oneSignatureAgreesWithDssAndPdfsig(PadesLevel level) throws Exception {
        assertAgreement("ours, 1 signature, " + level, pdfs.created(level), true);
    }

    @ParameterizedTest
    @EnumSource(PadesLevel.class)
    void threeStackedSignaturesAgreeWithDssAndPdfsig(PadesLevel level) throws Exception {
        assertAgreement("ours, 3 signatures, " + level, pdfs.complete(level), true);
    }

    @Test
    void signatureMadeByDssPadesServiceAgrees() throws Exception {
        Path signed = signWithDss(pdfs.original(), dir.resolve("dss-signed.pdf"), pdfs.carol);
        assertAgreement("EU DSS PAdESService, B-B", signed, true);
    }

    @Test
    void ourSignatureOnTopOfDssSignatureAgrees() throws Exception {
        Path signed = signWithDss(pdfs.original(), dir.resolve("dss-base.pdf"), pdfs.carol);
        // an approval: a creator's signature would embed the manifest, a change the DSS signature does not allow
        Path stacked = pdfs.sign(signed, pdfs.alice, "legal", PadesLevel.BASELINE_T);
        assertAgreement("EU DSS B-B, then ours B-T", stacked, true);
    }

    @Test
    void signatureMadeByPdfboxExampleSignerAgrees() throws Exception {
        Path signed = PdfBoxSigning.sign(pdfs.original(), dir.resolve("pdfbox-signed.pdf"),
                PdfBoxSigning.software(pdfs.carol), 0);
        assertAgreement("PDFBox example signer (adbe.pkcs7.detached)", signed, true);
    }

    @Test
    void tamperedSignedBytesAreInvalidForAllThree() throws Exception {
        Path signed = pdfs.created(PadesLevel.BASELINE_B);
        byte[] data = Files.readAllBytes(signed);
        String text = new String(data, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.indexOf("widgets at EUR 10.00");
        if (at < 0) {
            // the text may sit in a compressed stream: flip a byte of the header comment instead
            at = text.indexOf("%PDF-") + 6;
            data[at] = (byte) (data[at] == '7' ? '4' : '7');
        } else {
            data[at + 19] = '1';
        }
        Path tampered = Files.write(dir.resolve("tampered.pdf"), data);
        assertAgreement("ours, B-B, one signed byte changed", tampered, false);
    }

    private static void assertAgreement(String label, Path pdf, boolean expectValid) throws Exception {
        VerificationReport ours = pdfs.verifier().verify(pdf, Optional.empty());
        List<SignatureReport> signatures = ours.signatures().stream()
                .filter(s -> s.kind() == SignatureKind.SIGNATURE).toList();
        List<String> dss = ReferenceValidators.dss(pdf, PKI.root, PKI.crls());
        List<String> pdfsig = ReferenceValidators.pdfsig(pdf);
        RECORD.put(label, signatures.stream().map(s -> s.status() + " " + s.level()).toList() + " | " + dss
                + " | " + pdfsig);

        assertThat(signatures).isNotEmpty();
        assertThat(dss).hasSameSizeAs(signatures);
        for (int i = 0; i < signatures.size(); i++) {
            boolean valid = signatures.get(i).status() == SignatureStatus.VALID;
            assertThat(valid).as("%s signature %d: ours %s, DSS %s", label, i + 1, signatures.get(i).status(),
                    dss.get(i)).isEqualTo(dss.get(i).equals("TOTAL_PASSED")).isEqualTo(expectValid);
        }
        // pdfsig lists document timestamps too, and checks the signature value only (-nocert)
        assertThat(pdfsig).hasSameSizeAs(ours.signatures());
        for (int i = 0; i < ours.signatures().size(); i++) {
            if (ours.signatures().get(i).kind() == SignatureKind.DOCUMENT_TIMESTAMP) {
                assertThat(pdfsig.get(i)).startsWith("Signature has not yet been verified.");
                continue;
            }
            boolean cryptoValid = ours.signatures().get(i).checks().stream()
                    .filter(c -> List.of("byte-range", "message-digest", "signature-value", "timestamp-imprint",
                            "timestamp-signature").contains(c.check()))
                    .allMatch(c -> c.outcome() == CheckResult.Outcome.PASSED);
            assertThat(pdfsig.get(i).startsWith("Signature is Valid.")).as("%s pdfsig %d: %s", label, i + 1,
                    pdfsig.get(i)).isEqualTo(cryptoValid);
        }
    }

    static Path signWithDss(Path in, Path out, SigningKey key) throws Exception {
        PAdESService service = new PAdESService(new CommonCertificateVerifier());
        PAdESSignatureParameters params = new PAdESSignatureParameters();
        params.setSignatureLevel(SignatureLevel.PAdES_BASELINE_B);
        params.setDigestAlgorithm(DigestAlgorithm.SHA256);
        params.setSigningCertificate(token(key.certificate()));
        params.setCertificateChain(key.certificateChain().stream().map(AgreementTest::token).toList());
        DSSDocument document = new FileDocument(in.toFile());
        ToBeSigned toBeSigned = service.getDataToSign(document, params);
        SignatureValue value = new SignatureValue(SignatureAlgorithm.ECDSA_SHA256,
                key.sign("SHA256withECDSA", toBeSigned.getBytes()));
        service.signDocument(document, params, value).save(out.toString());
        return out;
    }

    private static eu.europa.esig.dss.model.x509.CertificateToken token(X509Certificate c) {
        try {
            return DSSUtils.loadCertificate(c.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
