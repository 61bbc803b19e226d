package io.sealgate.signing.pades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.signing.SealgateAttributes;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.SigningUnavailableException;
import io.sealgate.signing.testing.ForwardingSigningKey;
import io.sealgate.signing.testing.SoftwarePki;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.common.filespecification.PDComplexFileSpecification;
import org.apache.pdfbox.pdmodel.interactive.annotation.PDAnnotation;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1UTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

class PadesSignerTest {

    private static final SoftwarePki PKI = new SoftwarePki("Sealgate Test", "Sealgate Test");
    private static final Instant SIGNING_TIME = Instant.parse("2026-03-04T05:06:07Z");

    @TempDir
    Path dir;

    @Test
    void signatureDictionaryIsEtsiCadesDetachedWithTheSigningTimeInM() throws Exception {
        Path out = sign(PadesParameters.builder(PadesLevel.BASELINE_B).signerName("Alice Example")
                .reason("creates PO-17").location("Berlin").signingTime(SIGNING_TIME).build(), alice());

        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            PDSignature sig = doc.getLastSignatureDictionary();
            assertThat(sig.getFilter()).isEqualTo("Adobe.PPKLite");
            assertThat(sig.getSubFilter()).isEqualTo("ETSI.CAdES.detached");
            assertThat(sig.getName()).isEqualTo("Alice Example");
            assertThat(sig.getReason()).isEqualTo("creates PO-17");
            assertThat(sig.getLocation()).isEqualTo("Berlin");
            assertThat(sig.getSignDate().toInstant()).isEqualTo(SIGNING_TIME);
        }
    }

    @Test
    void cmsCarriesTheBaselineSignedAttributesAndNoSigningTime() throws Exception {
        SigningKey key = alice();
        Path out = sign(PadesParameters.builder(PadesLevel.BASELINE_B).processStepId("approve-finance")
                .requestId("req-42").build(), key);

        SignerInformation signer = lastSigner(out);
        AttributeTable signed = signer.getSignedAttributes();
        assertThat(signed.toASN1EncodableVector().size()).isEqualTo(5);
        assertThat(signed.get(CMSAttributes.contentType)).isNotNull();
        assertThat(signed.get(CMSAttributes.messageDigest)).isNotNull();
        assertThat(signed.get(CMSAttributes.signingTime)).isNull();
        ESSCertIDv2 certId = SigningCertificateV2.getInstance(
                signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2).getAttrValues().getObjectAt(0))
                .getCerts()[0];
        assertThat(certId.getHashAlgorithm().getAlgorithm().getId()).isEqualTo("2.16.840.1.101.3.4.2.1");
        assertThat(certId.getCertHash()).isEqualTo(
                MessageDigest.getInstance("SHA-256").digest(key.certificate().getEncoded()));
        assertThat(utf8(signed.get(new ASN1ObjectIdentifier(SealgateAttributes.PROCESS_STEP_ID))))
                .isEqualTo("approve-finance");
        assertThat(utf8(signed.get(new ASN1ObjectIdentifier(SealgateAttributes.REQUEST_ID)))).isEqualTo("req-42");
        assertThat(signer.getDigestAlgOID()).isEqualTo("2.16.840.1.101.3.4.2.1");
        assertThat(signer.getEncryptionAlgOID()).isEqualTo("1.2.840.10045.4.3.2"); // ecdsa-with-SHA256
        assertThat(signer.getUnsignedAttributes()).isNull();
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(key.certificate()))).isTrue();
    }

    @Test
    void baselineTAddsATimestampTokenOverTheSignatureValue() throws Exception {
        Path out = sign(PadesParameters.builder(PadesLevel.BASELINE_T).timestampSource(PKI.timestampSource())
                .build(), alice());

        SignerInformation signer = lastSigner(out);
        Attribute attr = signer.getUnsignedAttributes().get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
        TimeStampToken token = new TimeStampToken(new CMSSignedData(
                attr.getAttrValues().getObjectAt(0).toASN1Primitive().getEncoded()));
        assertThat(token.getTimeStampInfo().getMessageImprintDigest())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(signer.getSignature()));
    }

    @Test
    void rsaKeySignsWithSha256WithRsaAndDssAcceptsIt() throws Exception {
        Path out = sign(PadesParameters.builder(PadesLevel.BASELINE_B).build(), PKI.newSigningKey("bob", "RSA"));

        assertThat(lastSigner(out).getEncryptionAlgOID()).isEqualTo("1.2.840.113549.1.1.11");
        assertThat(DssValidation.outcomes(DssValidation.validate(out, PKI.root, PKI.crl(PKI.root), PKI.crl(PKI.ca)))
                .values()).containsExactly("TOTAL_PASSED PAdES-BASELINE-B");
    }

    @Test
    void visibleSealIsAWidgetWithAnAppearanceAtTheChosenPlace() throws Exception {
        SignatureAppearance seal = new SignatureAppearance(1, 380, 60, 180, 70, "Alice", "Buyer", "approve-po",
                "2026-03-04");
        Path out = sign(PadesParameters.builder(PadesLevel.BASELINE_B).appearance(seal).build(), alice());

        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            List<PDAnnotation> annotations = doc.getPage(1).getAnnotations();
            assertThat(annotations).hasSize(1);
            PDRectangle rect = annotations.get(0).getRectangle();
            assertThat(List.of(rect.getLowerLeftX(), rect.getLowerLeftY(), rect.getWidth(), rect.getHeight()))
                    .containsExactly(380f, 60f, 180f, 70f);
            assertThat(annotations.get(0).getAppearance().getNormalAppearance().getAppearanceStream()).isNotNull();
            assertThat(doc.getPage(0).getAnnotations()).isEmpty();
        }
        assertThat(PdfTools.pdfsigSummary(out))
                .containsExactly("ETSI.CAdES.detached: Signature is Valid., Total document signed");
        assertThat(DssValidation.outcomes(DssValidation.validate(out, PKI.root, PKI.crl(PKI.root), PKI.crl(PKI.ca)))
                .values()).containsExactly("TOTAL_PASSED PAdES-BASELINE-B");
    }

    @Test
    void aSealNameOutsideTheStandardFontsStillSignsWithQuestionMarksDrawn() throws Exception {
        SignatureAppearance seal = new SignatureAppearance(0, 380, 60, 180, 70, "\u5c71\u7530 Taro", "\u8ab2\u9577",
                "approve-po", "2026-03-04");
        Path out = sign(PadesParameters.builder(PadesLevel.BASELINE_B).appearance(seal).build(), alice());

        assertThat(PdfTools.pdfsigSummary(out))
                .containsExactly("ETSI.CAdES.detached: Signature is Valid., Total document signed");
    }

    @Test
    void invisibleByDefaultTheWidgetHasAnEmptyRectangle() throws Exception {
        Path out = sign(PadesParameters.builder(PadesLevel.BASELINE_B).build(), alice());

        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            PDRectangle rect = doc.getSignatureFields().get(0).getWidgets().get(0).getRectangle();
            assertThat(rect.getWidth() * rect.getHeight()).isZero();
        }
    }

    @Test
    void appearanceOnAPageTheDocumentDoesNotHaveIsRefused() {
        SignatureAppearance seal = new SignatureAppearance(5, 10, 10, 100, 50, "Alice", null, null, null);

        assertThatThrownBy(() -> sign(PadesParameters.builder(PadesLevel.BASELINE_B).appearance(seal).build(),
                alice()))
                .isInstanceOf(SigningException.class)
                .hasMessage("cannot sign pdfbox-purchase-order.pdf for alice: appearance page index 5 "
                        + "(expected: 0-1)");
    }

    @Test
    void whenTheTokenIsUnavailableNoOutputAndNoTemporaryFileIsLeft() throws Exception {
        SigningKey lost = new ForwardingSigningKey(alice()) {
            @Override
            public byte[] sign(String algorithm, byte[] data) throws SigningException {
                throw new SigningUnavailableException("token 'sealgate' is not present (CKR_TOKEN_NOT_PRESENT)");
            }
        };

        assertThatThrownBy(() -> sign(PadesParameters.builder(PadesLevel.BASELINE_B).build(), lost))
                .isInstanceOf(SigningUnavailableException.class)
                .hasMessage("cannot sign pdfbox-purchase-order.pdf for alice: token 'sealgate' is not present "
                        + "(CKR_TOKEN_NOT_PRESENT)");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("pdfbox-purchase-order.pdf");
        }
    }

    @Test
    void processManifestIsEmbeddedInTheRevisionTheCreatorSigns() throws Exception {
        String manifest = "{\"template\":\"purchase-order\",\"document\":\"po-17\"}";
        Path out = sign(PadesParameters.builder(PadesLevel.BASELINE_B).processManifest(manifest).build(), alice());

        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            PDComplexFileSpecification spec = doc.getDocumentCatalog().getNames().getEmbeddedFiles().getNames()
                    .get("sealgate-process.json");
            assertThat(new String(spec.getEmbeddedFile().toByteArray(), StandardCharsets.UTF_8)).isEqualTo(manifest);
        }
        assertThat(PdfTools.pdfsigSummary(out))
                .containsExactly("ETSI.CAdES.detached: Signature is Valid., Total document signed");
        assertThat(DssValidation.outcomes(DssValidation.validate(out, PKI.root, PKI.crl(PKI.root), PKI.crl(PKI.ca)))
                .values()).containsExactly("TOTAL_PASSED PAdES-BASELINE-B");
    }

    @Test
    void aSecondProcessManifestIsRefused() throws Exception {
        Path first = sign(PadesParameters.builder(PadesLevel.BASELINE_B).processManifest("{}").build(), alice());
        Path second = dir.resolve("second.pdf");

        assertThatThrownBy(() -> new PadesSigner().sign(first, second,
                PadesParameters.builder(PadesLevel.BASELINE_B).processManifest("{}").build(), alice()))
                .isInstanceOf(SigningException.class)
                .hasMessage("cannot sign signed.pdf for alice: it already carries a process manifest (sealgate-process.json); "
                        + "only the creator's signature adds one");
        assertThat(second).doesNotExist();
    }

    @Test
    void aMissingInputIsReportedAsSuch() {
        Path missing = dir.resolve("po-99.pdf");

        assertThatThrownBy(() -> new PadesSigner().sign(missing, dir.resolve("out.pdf"),
                PadesParameters.builder(PadesLevel.BASELINE_B).build(), alice()))
                .isInstanceOf(SigningException.class)
                .hasMessage("cannot sign po-99.pdf for alice: no such file: " + missing);
    }

    @Test
    void theSignedFileIsAsReadableAsTheOriginal() throws Exception {
        Path in = SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir);
        Files.setPosixFilePermissions(in, PosixFilePermissions.fromString("rw-r-----"));
        Path out = dir.resolve("signed.pdf");

        new PadesSigner().sign(in, out, PadesParameters.builder(PadesLevel.BASELINE_B).build(), alice());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out))).isEqualTo("rw-r-----");
    }

    @Test
    void baselineTWithoutATimestampSourceIsRefusedWhenBuilt() {
        assertThatThrownBy(() -> PadesParameters.builder(PadesLevel.BASELINE_T).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("timestampSource: null (expected: set for level BASELINE_T)");
    }

    @Test
    void baselineLtWithoutARevocationSourceIsRefusedWhenBuilt() {
        assertThatThrownBy(() -> PadesParameters.builder(PadesLevel.BASELINE_LT)
                .timestampSource(PKI.timestampSource()).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("revocationSource: null (expected: set for level BASELINE_LT)");
    }

    @Test
    void ocspEvidenceGoesIntoTheDssAndDssValidatesOffline() throws Exception {
        Path out = sign(PadesParameters.builder(PadesLevel.BASELINE_LT).timestampSource(PKI.timestampSource())
                .revocationSource(PKI.ocspSource()).build(), alice());

        try (PDDocument doc = Loader.loadPDF(out.toFile())) {
            COSDictionary dss = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
            // alice, issuing CA, root, TSA; OCSP for alice, CA (signer chain) and TSA, CA (TSA chain)
            assertThat(dss.getCOSArray(COSName.getPDFName("Certs")).size()).isEqualTo(4);
            assertThat(dss.getCOSArray(COSName.getPDFName("OCSPs")).size()).isEqualTo(4);
            assertThat(dss.getCOSArray(COSName.getPDFName("CRLs"))).isNull();
        }
        assertThat(DssValidation.outcomes(DssValidation.validate(out, PKI.root)).values())
                .containsExactly("TOTAL_PASSED PAdES-BASELINE-LT");
    }

    @Test
    void stackedLtSignaturesShareOneDssWithoutDuplicates() throws Exception {
        SignatureStack stack = new SignatureStack(PKI, dir, SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir));
        SigningKey creator = alice();
        stack.sign(creator, PadesLevel.BASELINE_LT, "create");
        stack.sign(creator, PadesLevel.BASELINE_LT, "create-again");

        try (PDDocument doc = Loader.loadPDF(stack.last().toFile())) {
            COSDictionary dss = doc.getDocumentCatalog().getCOSObject().getCOSDictionary(COSName.getPDFName("DSS"));
            COSArray certs = dss.getCOSArray(COSName.getPDFName("Certs"));
            assertThat(certs.size()).isEqualTo(4); // alice, CA, root, TSA: the second signature adds nothing new
        }
    }

    private Path sign(PadesParameters params, SigningKey key) throws Exception {
        Path in = SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir);
        Path out = dir.resolve("signed.pdf");
        new PadesSigner().sign(in, out, params, key);
        return out;
    }

    private static SigningKey alice() {
        return PKI.newSigningKey("alice", "EC");
    }

    private static SignerInformation lastSigner(Path pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
            PDSignature sig = doc.getLastSignatureDictionary();
            byte[] signedContent = sig.getSignedContent(Files.readAllBytes(pdf));
            return new CMSSignedData(new CMSProcessableByteArray(signedContent), sig.getContents())
                    .getSignerInfos().getSigners().iterator().next();
        }
    }

    private static String utf8(Attribute attribute) {
        return ASN1UTF8String.getInstance(attribute.getAttrValues().getObjectAt(0)).getString();
    }
}
