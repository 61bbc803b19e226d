package io.sealgate.signing.pades;

import io.sealgate.signing.SigningException;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSException;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;

import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate chain of the TSA that stamped a signature, for the {@code /DSS}: the certificates the token
 * carries, completed from the signer's chain when the TSA shares an issuer with it. Signer certificate first.
 */
final class TimestampCertificates {

    private TimestampCertificates() {
    }

    static List<X509Certificate> chainOf(byte[] cms, List<X509Certificate> known) throws SigningException {
        try {
            SignerInformation signer = new CMSSignedData(cms).getSignerInfos().getSigners().iterator().next();
            AttributeTable unsigned = signer.getUnsignedAttributes();
            Attribute attr = unsigned == null ? null
                    : unsigned.get(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            if (attr == null) {
                return List.of();
            }
            ASN1Encodable token = attr.getAttrValues().getObjectAt(0);
            CMSSignedData tst = new CMSSignedData(token.toASN1Primitive().getEncoded());
            JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
            List<X509Certificate> pool = new ArrayList<>(known);
            for (X509CertificateHolder h : tst.getCertificates().getMatches(null)) {
                pool.add(converter.getCertificate(h));
            }
            SignerInformation tsaSigner = tst.getSignerInfos().getSigners().iterator().next();
            X509Certificate current = null;
            for (X509CertificateHolder h : tst.getCertificates().getMatches(null)) {
                if (tsaSigner.getSID().match(h)) {
                    current = converter.getCertificate(h);
                }
            }
            if (current == null) {
                throw new SigningException("the timestamp token does not carry the TSA's certificate");
            }
            List<X509Certificate> chain = new ArrayList<>();
            while (current != null && !chain.contains(current)) {
                chain.add(current);
                if (current.getIssuerX500Principal().equals(current.getSubjectX500Principal())) {
                    break;
                }
                X509Certificate child = current;
                current = pool.stream()
                        .filter(c -> c.getSubjectX500Principal().equals(child.getIssuerX500Principal()))
                        .findFirst().orElse(null);
            }
            return chain;
        } catch (CMSException | IOException | CertificateException e) {
            throw new SigningException("cannot read the TSA certificates from the timestamp token: "
                    + e.getMessage(), e);
        }
    }
}
