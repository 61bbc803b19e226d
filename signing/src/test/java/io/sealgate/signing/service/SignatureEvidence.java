package io.sealgate.signing.service;

import io.sealgate.signing.SealgateAttributes;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Reads back, with PDFBox and Bouncy Castle directly, what each signature of a document carries. */
final class SignatureEvidence {

    /**
     * @param logIndex            the embedded log index, or -1 when absent
     * @param signatureValueSha256 SHA-256 (hex) of the signature value
     */
    record Found(long logIndex, String signatureValueSha256) {
    }

    private SignatureEvidence() {
    }

    /** Every signature of a PDF, in document order. */
    static List<Found> ofPdf(Path pdf) throws Exception {
        byte[] bytes = Files.readAllBytes(pdf);
        List<Found> out = new ArrayList<>();
        try (PDDocument doc = Loader.loadPDF(bytes)) {
            for (PDSignature sig : doc.getSignatureDictionaries()) {
                CMSSignedData cms = new CMSSignedData(sig.getContents(bytes));
                out.add(found(cms.getSignerInfos().getSigners().iterator().next()));
            }
        }
        return out;
    }

    /** The first signer of a {@code .p7s}, then its counter-signature chain. */
    static List<Found> ofP7s(Path p7s) throws Exception {
        CMSSignedData cms = new CMSSignedData(Files.readAllBytes(p7s));
        List<Found> out = new ArrayList<>();
        for (SignerInformation s = cms.getSignerInfos().getSigners().iterator().next(); s != null; ) {
            out.add(found(s));
            List<SignerInformation> children = new ArrayList<>(s.getCounterSignatures().getSigners());
            s = children.isEmpty() ? null : children.get(children.size() - 1);
        }
        return out;
    }

    static String sha256(Path file) throws IOException {
        return sha256(Files.readAllBytes(file));
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Found found(SignerInformation signer) {
        Attribute index = signer.getUnsignedAttributes() == null ? null : signer.getUnsignedAttributes().get(
                new ASN1ObjectIdentifier(SealgateAttributes.LOG_ENTRY_INDEX));
        long value = index == null ? -1
                : ASN1Integer.getInstance(index.getAttrValues().getObjectAt(0)).longValueExact();
        return new Found(value, sha256(signer.getSignature()));
    }
}
