package io.sealgate.signing.pades;

import io.sealgate.signing.SealgateAttributes;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.TimestampSource;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Set;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.CMSObjectIdentifiers;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.IssuerAndSerialNumber;
import org.bouncycastle.asn1.cms.SignedData;
import org.bouncycastle.asn1.cms.SignerIdentifier;
import org.bouncycastle.asn1.cms.SignerInfo;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.io.IOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;

/**
 * Assembles a detached CMS {@code SignedData} for PAdES ({@code /ETSI.CAdES.detached}) from a content digest. The
 * ASN.1 is built by hand rather than through BC's generator so that the signed attributes are exactly the baseline
 * set: content-type, message-digest, signing-certificate-v2 (and the Sealgate attributes) and no signing-time,
 * which ETSI EN 319 142-1 forbids in PAdES (the time lives in {@code /M}).
 */
final class CmsSignatureBuilder {

    private static final AlgorithmIdentifier SHA256 =
            new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256, DERNull.INSTANCE);

    private CmsSignatureBuilder() {
    }

    /** Returns the DER-encoded {@code ContentInfo}. */
    static byte[] build(byte[] contentSha256, SigningKey key, PadesParameters params, TimestampSource tsa)
            throws SigningException {
        try {
            X509Certificate signer = key.certificate();
            Certificate signerCert = Certificate.getInstance(signer.getEncoded());
            ASN1Set signedAttributes = signedAttributes(contentSha256, signerCert, params);

            String jcaAlgorithm;
            AlgorithmIdentifier signatureAlgorithm;
            switch (key.keyAlgorithm()) {
                case "EC" -> {
                    jcaAlgorithm = "SHA256withECDSA";
                    signatureAlgorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA256);
                }
                case "RSA" -> {
                    jcaAlgorithm = "SHA256withRSA";
                    signatureAlgorithm = new AlgorithmIdentifier(PKCSObjectIdentifiers.sha256WithRSAEncryption,
                            DERNull.INSTANCE);
                }
                default -> throw new SigningException("cannot sign with key '" + key.label() + "': key algorithm "
                        + key.keyAlgorithm() + " (expected: EC or RSA)");
            }
            byte[] signatureValue = key.sign(jcaAlgorithm, signedAttributes.getEncoded(ASN1Encoding.DER));

            ASN1EncodableVector unsigned = new ASN1EncodableVector();
            if (tsa != null) {
                // ETSI EN 319 122-1 5.3: the signature-time-stamp covers the signature value octets.
                byte[] token = tsa.timestamp(Digests.sha256(signatureValue));
                unsigned.add(new Attribute(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken,
                        new DERSet(ContentInfo.getInstance(token))));
            }
            if (params.unsignedAttributes().isPresent()) {
                for (var a : params.unsignedAttributes().get().attributes(signatureValue).entrySet()) {
                    unsigned.add(new Attribute(new ASN1ObjectIdentifier(a.getKey()),
                            new DERSet(ASN1Primitive.fromByteArray(a.getValue()))));
                }
            }
            ASN1Set unsignedAttributes = unsigned.size() == 0 ? null : new DERSet(unsigned);

            SignerInfo signerInfo = new SignerInfo(
                    new SignerIdentifier(new IssuerAndSerialNumber(signerCert.getIssuer(),
                            signerCert.getSerialNumber().getValue())),
                    SHA256, signedAttributes, signatureAlgorithm, new DEROctetString(signatureValue),
                    unsignedAttributes);

            ASN1EncodableVector certificates = new ASN1EncodableVector();
            for (X509Certificate c : key.certificateChain()) {
                certificates.add(Certificate.getInstance(c.getEncoded()));
            }
            SignedData signedData = new SignedData(new DERSet(SHA256),
                    new ContentInfo(CMSObjectIdentifiers.data, null), new DERSet(certificates), null,
                    new DERSet(signerInfo));
            return new ContentInfo(CMSObjectIdentifiers.signedData, signedData).getEncoded(ASN1Encoding.DER);
        } catch (CertificateEncodingException | IOException e) {
            throw new SigningException("cannot encode the signature for key '" + key.label() + "': "
                    + e.getMessage(), e);
        }
    }

    private static ASN1Set signedAttributes(byte[] contentSha256, Certificate signerCert, PadesParameters params)
            throws IOException {
        ASN1EncodableVector v = new ASN1EncodableVector();
        v.add(attribute(CMSAttributes.contentType, CMSObjectIdentifiers.data));
        v.add(attribute(CMSAttributes.messageDigest, new DEROctetString(contentSha256)));
        // ESSCertIDv2 with the default hash (SHA-256) omits hashAlgorithm, as DER requires for a DEFAULT value.
        IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(signerCert.getIssuer())),
                signerCert.getSerialNumber().getValue());
        ESSCertIDv2 certId = new ESSCertIDv2(Digests.sha256(signerCert.getEncoded(ASN1Encoding.DER)), issuerSerial);
        v.add(attribute(PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                new SigningCertificateV2(new ESSCertIDv2[] {certId})));
        params.processStepId().ifPresent(s -> v.add(attribute(
                new ASN1ObjectIdentifier(SealgateAttributes.PROCESS_STEP_ID), new DERUTF8String(s))));
        params.requestId().ifPresent(s -> v.add(attribute(
                new ASN1ObjectIdentifier(SealgateAttributes.REQUEST_ID), new DERUTF8String(s))));
        return new DERSet(v); // DER sorts the SET OF, which the signature is computed over
    }

    private static Attribute attribute(ASN1ObjectIdentifier type, ASN1Encodable value) {
        return new Attribute(type, new DERSet(value));
    }
}
