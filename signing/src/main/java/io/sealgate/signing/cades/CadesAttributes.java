package io.sealgate.signing.cades;

import io.sealgate.signing.SealgateAttributes;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.TimestampSource;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.bouncycastle.cms.SignerInformation;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import java.util.Hashtable;

/** The attributes of a Sealgate CAdES signer info. */
final class CadesAttributes {

    private CadesAttributes() {
    }

    /**
     * Signed attributes besides the three BC adds itself (content-type, message-digest, CMS algorithm protection):
     * signing-certificate-v2 (ETSI EN 319 122-1 5.2.2.3), signing-time, and the Sealgate attributes.
     */
    static AttributeTable signed(X509Certificate signer, CadesParameters params, Instant now)
            throws SigningException {
        Hashtable<ASN1ObjectIdentifier, Attribute> table = new Hashtable<>();
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(signer.getEncoded());
            IssuerSerial issuerSerial = new IssuerSerial(new GeneralNames(new GeneralName(
                    X500Name.getInstance(signer.getIssuerX500Principal().getEncoded()))), signer.getSerialNumber());
            put(table, PKCSObjectIdentifiers.id_aa_signingCertificateV2,
                    new SigningCertificateV2(new ESSCertIDv2[] {new ESSCertIDv2(hash, issuerSerial)}));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new SigningException("cannot reference the signer certificate "
                    + signer.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
        put(table, CMSAttributes.signingTime, new Time(Date.from(params.signingTime().orElse(now))));
        params.processStepId().ifPresent(v -> put(table, oid(SealgateAttributes.PROCESS_STEP_ID), utf8(v)));
        params.requestId().ifPresent(v -> put(table, oid(SealgateAttributes.REQUEST_ID), utf8(v)));
        params.processManifest().ifPresent(v -> put(table, oid(SealgateAttributes.PROCESS_MANIFEST), utf8(v)));
        return new AttributeTable(table);
    }

    /** {@code signer} with a signature-time-stamp over its signature value (EN 319 122-1 5.3). */
    static SignerInformation withSignatureTimestamp(SignerInformation signer, TimestampSource tsa)
            throws SigningException {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(signer.getSignature());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
        byte[] token = tsa.timestamp(digest);
        AttributeTable unsigned = signer.getUnsignedAttributes() == null ? new AttributeTable(new Hashtable<>())
                : signer.getUnsignedAttributes();
        unsigned = unsigned.add(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken, ContentInfo.getInstance(token));
        return SignerInformation.replaceUnsignedAttributes(signer, unsigned);
    }

    private static void put(Hashtable<ASN1ObjectIdentifier, Attribute> table, ASN1ObjectIdentifier oid,
                            ASN1Encodable value) {
        table.put(oid, new Attribute(oid, new DERSet(value)));
    }

    private static ASN1ObjectIdentifier oid(String id) {
        return new ASN1ObjectIdentifier(id);
    }

    private static DERUTF8String utf8(String value) {
        return new DERUTF8String(value);
    }
}
