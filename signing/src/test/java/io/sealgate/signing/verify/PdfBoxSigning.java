package io.sealgate.signing.verify;

import io.sealgate.fixtures.pki.SoftwareKey;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.testing.SoftwareSigningKey;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSDictionary;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Calendar;

/**
 * Signs the way PDFBox's own examples do ({@code CreateSignature}, {@code SigUtils.setMDPPermission}):
 * {@code adbe.pkcs7.detached} with Bouncy Castle's default signed attributes, optionally as a certification
 * signature with DocMDP. A signer nobody on the team wrote, for agreement tests and certification attacks.
 */
final class PdfBoxSigning {

    private PdfBoxSigning() {
    }

    /** @param docMdp 0 for an approval signature, else the certification's P (1, 2 or 3) */
    static Path sign(Path in, Path out, SoftwareKey key, int docMdp) throws Exception {
        return sign(in, out, key, docMdp, false);
    }

    /** @param lockAllFields whether the signature also locks every form field (FieldMDP, Action All) */
    static Path sign(Path in, Path out, SoftwareKey key, int docMdp, boolean lockAllFields)
            throws Exception {
        try (PDDocument doc = Loader.loadPDF(in.toFile()); OutputStream os = Files.newOutputStream(out)) {
            PDSignature signature = new PDSignature();
            signature.setFilter(PDSignature.FILTER_ADOBE_PPKLITE);
            signature.setSubFilter(PDSignature.SUBFILTER_ADBE_PKCS7_DETACHED);
            signature.setName(key.label());
            signature.setSignDate(Calendar.getInstance());
            if (docMdp > 0) {
                certify(doc, signature, docMdp);
            }
            if (lockAllFields) {
                lockAll(signature);
            }
            doc.addSignature(signature, content -> {
                try {
                    CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
                    gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                            new JcaDigestCalculatorProviderBuilder().build())
                            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.privateKey()),
                                    key.certificate()));
                    gen.addCertificates(new JcaCertStore(key.certificateChain()));
                    return gen.generate(new CMSProcessableByteArray(content.readAllBytes()), false).getEncoded();
                } catch (Exception e) {
                    throw new java.io.IOException(e);
                }
            });
            doc.saveIncremental(os);
        }
        return out;
    }

    static SoftwareKey software(SigningKey key) {
        return ((SoftwareSigningKey) key).software();
    }

    private static void lockAll(PDSignature signature) {
        COSDictionary params = new COSDictionary();
        params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
        params.setItem(COSName.getPDFName("Action"), COSName.getPDFName("All"));
        params.setName(COSName.V, "1.2");
        COSDictionary reference = new COSDictionary();
        reference.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
        reference.setItem(COSName.TRANSFORM_METHOD, COSName.getPDFName("FieldMDP"));
        reference.setItem(COSName.TRANSFORM_PARAMS, params);
        COSArray references = signature.getCOSObject().getCOSArray(COSName.REFERENCE);
        if (references == null) {
            references = new COSArray();
            signature.getCOSObject().setItem(COSName.REFERENCE, references);
        }
        references.add(reference);
    }

    private static void certify(PDDocument doc, PDSignature signature, int p) {
        COSDictionary sigDict = signature.getCOSObject();
        COSDictionary params = new COSDictionary();
        params.setItem(COSName.TYPE, COSName.getPDFName("TransformParams"));
        params.setInt(COSName.P, p);
        params.setName(COSName.V, "1.2");
        COSDictionary reference = new COSDictionary();
        reference.setItem(COSName.TYPE, COSName.getPDFName("SigRef"));
        reference.setItem(COSName.TRANSFORM_METHOD, COSName.DOCMDP);
        reference.setItem(COSName.DIGEST_METHOD, COSName.getPDFName("SHA1"));
        reference.setItem(COSName.TRANSFORM_PARAMS, params);
        COSArray references = new COSArray();
        references.add(reference);
        sigDict.setItem(COSName.REFERENCE, references);
        COSDictionary catalog = doc.getDocumentCatalog().getCOSObject();
        COSDictionary perms = new COSDictionary();
        perms.setItem(COSName.DOCMDP, signature);
        catalog.setItem(COSName.PERMS, perms);
        catalog.setNeedToBeUpdated(true);
        perms.setNeedToBeUpdated(true);
    }
}
