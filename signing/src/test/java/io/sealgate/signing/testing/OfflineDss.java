package io.sealgate.signing.testing;

import eu.europa.esig.dss.model.x509.revocation.crl.CRL;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import eu.europa.esig.dss.spi.x509.CommonTrustedCertificateSource;
import eu.europa.esig.dss.spi.x509.revocation.RevocationToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLSource;
import eu.europa.esig.dss.spi.x509.revocation.crl.CRLToken;
import eu.europa.esig.dss.spi.x509.revocation.crl.ExternalResourcesCRLSource;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * EU DSS set up as the signing tests' reference validator: offline (no AIA, no OCSP), trusting one anchor, and
 * knowing only the CRLs it is given, so that any other revocation evidence must come from the document itself.
 */
public final class OfflineDss {

    private OfflineDss() {
    }

    /**
     * A certificate verifier trusting {@code anchor} only.
     *
     * @param crls DER CRLs DSS may use as if it had fetched them; none leaves DSS without a CRL source
     */
    public static CommonCertificateVerifier verifier(X509Certificate anchor, List<byte[]> crls) {
        CommonCertificateVerifier verifier = new CommonCertificateVerifier();
        CommonTrustedCertificateSource trusted = new CommonTrustedCertificateSource();
        try {
            trusted.addCertificate(DSSUtils.loadCertificate(anchor.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
        verifier.setTrustedCertSources(trusted);
        verifier.setAIASource(null);
        verifier.setOcspSource(null);
        verifier.setCrlSource(crls.isEmpty() ? null : crlSource(crls));
        return verifier;
    }

    private static CRLSource crlSource(List<byte[]> crls) {
        ExternalResourcesCRLSource external = new ExternalResourcesCRLSource(
                crls.stream().map(ByteArrayInputStream::new).toArray(InputStream[]::new));
        return (cert, issuer) -> {
            List<RevocationToken<CRL>> tokens = external.getRevocationTokens(cert, issuer);
            return tokens.isEmpty() ? null : (CRLToken) tokens.get(0);
        };
    }
}
