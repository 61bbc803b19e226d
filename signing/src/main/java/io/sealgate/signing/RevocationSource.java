package io.sealgate.signing;

import java.security.cert.X509Certificate;
import java.util.List;

/** Fetches revocation evidence (OCSP responses, CRLs) for a certificate chain, for B-LT. */
public interface RevocationSource {

    /**
     * Collects evidence for every certificate in {@code chain} except a self-signed root.
     *
     * @throws SigningException when a certificate is revoked (the signature must not be made), or a
     *         {@link SigningUnavailableException} when no responder answers
     */
    RevocationData collect(List<X509Certificate> chain) throws SigningException;

    /**
     * DER-encoded evidence.
     *
     * @param ocspResponses full {@code OCSPResponse} structures
     * @param crls          {@code CertificateList} structures
     */
    record RevocationData(List<byte[]> ocspResponses, List<byte[]> crls) {
        public RevocationData {
            ocspResponses = List.copyOf(ocspResponses);
            crls = List.copyOf(crls);
        }
    }
}
