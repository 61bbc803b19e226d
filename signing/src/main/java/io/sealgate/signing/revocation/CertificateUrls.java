package io.sealgate.signing.revocation;

import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

import java.net.URI;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** The HTTP URLs a certificate names for its OCSP responder (AIA) and its CRLs (CRL distribution points). */
final class CertificateUrls {

    private CertificateUrls() {
    }

    static List<URI> ocsp(X509Certificate certificate) {
        List<URI> out = new ArrayList<>();
        AuthorityInformationAccess aia = AuthorityInformationAccess.fromExtensions(extensions(certificate));
        if (aia != null) {
            for (AccessDescription d : aia.getAccessDescriptions()) {
                if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
                    addHttp(d.getAccessLocation(), out);
                }
            }
        }
        return out;
    }

    static List<URI> crl(X509Certificate certificate) {
        List<URI> out = new ArrayList<>();
        CRLDistPoint points = CRLDistPoint.fromExtensions(extensions(certificate));
        if (points != null) {
            for (DistributionPoint point : points.getDistributionPoints()) {
                DistributionPointName name = point.getDistributionPoint();
                if (name != null && name.getType() == DistributionPointName.FULL_NAME) {
                    for (GeneralName g : GeneralNames.getInstance(name.getName()).getNames()) {
                        addHttp(g, out);
                    }
                }
            }
        }
        return out;
    }

    private static void addHttp(GeneralName name, List<URI> out) {
        if (name.getTagNo() == GeneralName.uniformResourceIdentifier) {
            String uri = name.getName().toString();
            // Only HTTP: LDAP and file URLs are not fetched (and must not be, from a signing server).
            if (uri.startsWith("http://") || uri.startsWith("https://")) {
                out.add(URI.create(uri));
            }
        }
    }

    private static Extensions extensions(X509Certificate certificate) {
        try {
            return new JcaX509CertificateHolder(certificate).getExtensions();
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot read the extensions of "
                    + certificate.getSubjectX500Principal().getName(), e);
        }
    }
}
