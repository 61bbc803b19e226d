package io.sealgate.signing.verify;

import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Certificates and revocation data found in a document (CMS certificates and CRLs, the PDF {@code /DSS}), from
 * which paths are built and revocation is checked. Entries that cannot be parsed are skipped and counted as
 * problems by the caller. Not thread-safe: one per verification.
 */
final class Evidence {

    private final Set<X509Certificate> certificates = new LinkedHashSet<>();
    private final List<X509CRL> crls = new ArrayList<>();
    private final List<BasicOCSPResp> ocsps = new ArrayList<>();

    Set<X509Certificate> certificates() {
        return certificates;
    }

    List<X509CRL> crls() {
        return crls;
    }

    List<BasicOCSPResp> ocsps() {
        return ocsps;
    }

    void addCertificate(X509Certificate c) {
        certificates.add(c);
    }

    /** @return false when {@code der} is not a certificate */
    boolean addCertificate(byte[] der) {
        try {
            certificates.add((X509Certificate) factory().generateCertificate(new ByteArrayInputStream(der)));
            return true;
        } catch (CertificateException | RuntimeException e) {
            return false;
        }
    }

    /** @return false when {@code der} is not a CRL */
    boolean addCrl(byte[] der) {
        try {
            crls.add((X509CRL) factory().generateCRL(new ByteArrayInputStream(der)));
            return true;
        } catch (CertificateException | CRLException | RuntimeException e) {
            return false;
        }
    }

    /** Accepts a full {@code OCSPResponse} or a {@code BasicOCSPResponse}; @return false when it is neither. */
    boolean addOcsp(byte[] der) {
        try {
            Object o = new OCSPResp(der).getResponseObject();
            if (o instanceof BasicOCSPResp basic) {
                ocsps.add(basic);
                return true;
            }
            return false;
        } catch (IOException | OCSPException | RuntimeException e) {
            try {
                ocsps.add(new BasicOCSPResp(org.bouncycastle.asn1.ocsp.BasicOCSPResponse.getInstance(der)));
                return true;
            } catch (RuntimeException e2) {
                return false;
            }
        }
    }

    void addAll(Evidence other) {
        certificates.addAll(other.certificates);
        crls.addAll(other.crls);
        ocsps.addAll(other.ocsps);
    }

    private static CertificateFactory factory() throws CertificateException {
        return CertificateFactory.getInstance("X.509");
    }
}
