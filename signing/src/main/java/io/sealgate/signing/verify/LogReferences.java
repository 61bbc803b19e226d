package io.sealgate.signing.verify;

import io.sealgate.signing.SealgateAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.interactive.digitalsignature.PDSignature;
import org.apache.pdfbox.pdmodel.interactive.form.PDSignatureField;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.util.Store;

/**
 * What each signature of a document says about the signature log: the log entry index it carries (the unsigned
 * attribute {@link SealgateAttributes#LOG_ENTRY_INDEX}), the SHA-256 of its signature value and of its signing
 * certificate, which the entry must repeat (docs/signature-log.md). Signatures are numbered as the
 * {@link VerificationReport} numbers them: PDF signature fields are matched to the report by field name (document
 * timestamps carry no index and are skipped); CAdES signer infos in signing order, each followed by its
 * counter-signatures.
 */
public final class LogReferences {

    /**
     * @param number               the signature's number in the report
     * @param indexClaimed         the log entry index the signature carries, if any
     * @param signatureValueSha256 SHA-256 of the signer info's signature value, hex
     * @param certificateSha256    SHA-256 of the signing certificate's DER, hex; null when the CMS lacks it
     */
    public record Reference(int number, OptionalLong indexClaimed, String signatureValueSha256,
                            String certificateSha256) {
    }

    private LogReferences() {
    }

    /** Reads the references of a signed PDF or a CAdES {@code .p7s} (DER) that {@code report} describes. */
    public static List<Reference> read(Path file, VerificationReport report) throws IOException {
        List<Reference> out = new ArrayList<>();
        if (isPdf(file)) {
            try (PDDocument document = Loader.loadPDF(file.toFile())) {
                for (PDSignatureField field : document.getSignatureFields()) {
                    PDSignature signature = field.getSignature();
                    if (signature == null || "ETSI.RFC3161".equals(signature.getSubFilter())) {
                        continue;
                    }
                    int number = numberOf(report, field.getFullyQualifiedName());
                    if (number > 0) {
                        signers(cms(signature.getContents()), false).forEach(s -> out.add(reference(number, s)));
                    }
                }
            }
        } else {
            int[] number = {0};
            for (Signer s : signers(cms(Pem.derOf(Files.readAllBytes(file))), true)) {
                out.add(reference(++number[0], s));
            }
        }
        return out;
    }

    private record Signer(SignerInformation info, Store<X509CertificateHolder> certificates) {
    }

    private static List<Signer> signers(CMSSignedData cms, boolean withCounterSignatures) {
        List<Signer> out = new ArrayList<>();
        for (SignerInformation signer : cms.getSignerInfos().getSigners()) {
            out.add(new Signer(signer, cms.getCertificates()));
            if (withCounterSignatures) {
                counterSignatures(signer, cms.getCertificates(), out);
            }
        }
        return out;
    }

    private static void counterSignatures(SignerInformation parent, Store<X509CertificateHolder> certificates,
                                          List<Signer> out) {
        for (SignerInformation counter : parent.getCounterSignatures().getSigners()) {
            out.add(new Signer(counter, certificates));
            counterSignatures(counter, certificates, out);
        }
    }

    private static Reference reference(int number, Signer s) {
        OptionalLong index = OptionalLong.empty();
        if (s.info().getUnsignedAttributes() != null) {
            Attribute a = s.info().getUnsignedAttributes().get(new ASN1ObjectIdentifier(
                    SealgateAttributes.LOG_ENTRY_INDEX));
            if (a != null && a.getAttrValues().size() == 1
                    && a.getAttrValues().getObjectAt(0) instanceof ASN1Integer value
                    && value.getValue().signum() >= 0 && value.getValue().bitLength() < 63) {
                index = OptionalLong.of(value.getValue().longValueExact());
            }
        }
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> certs = s.certificates().getMatches(s.info().getSID());
        String certificate = null;
        try {
            certificate = certs.isEmpty() ? null : sha256(certs.iterator().next().getEncoded());
        } catch (IOException e) {
            // an unencodable certificate: the entry cannot be compared with it
        }
        return new Reference(number, index, sha256(s.info().getSignature()), certificate);
    }

    private static int numberOf(VerificationReport report, String fieldName) {
        return report.signatures().stream().filter(s -> fieldName.equals(s.fieldName()))
                .mapToInt(SignatureReport::number).findFirst().orElse(0);
    }

    private static CMSSignedData cms(byte[] der) throws IOException {
        try {
            return new CMSSignedData(der);
        } catch (CMSException | RuntimeException e) {
            throw new IOException("not a CMS signature: " + e.getMessage(), e);
        }
    }

    private static boolean isPdf(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(1024), StandardCharsets.ISO_8859_1).contains("%PDF-");
        }
    }

    static String sha256(byte[] data) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
