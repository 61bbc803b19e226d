package io.sealgate.signing;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A private key that can sign but never leaves its token, with its certificate chain. Signers (PAdES, CAdES) build
 * the data to be signed, hand it to {@link #sign}, and assemble the result: the EU DSS three-step shape
 * ({@code getDataToSign} &rarr; token signs &rarr; {@code signDocument}).
 */
public interface SigningKey {

    /** The key's label in the token: the user id, or the organisation seal's label. */
    String label();

    /** Signer certificate first, then its issuers as far as known (root last). Never empty. */
    List<X509Certificate> certificateChain();

    /** {@code "EC"} or {@code "RSA"}. */
    String keyAlgorithm();

    /**
     * Signs {@code dataToBeSigned} (for CMS: the DER encoding of the signed attributes).
     *
     * @param jcaSignatureAlgorithm e.g. {@code SHA256withECDSA}, {@code SHA256withRSA}
     * @return the signature value as the JCA produces it (DER ECDSA-Sig-Value for EC)
     * @throws SigningException when the token refuses or is unavailable
     */
    byte[] sign(String jcaSignatureAlgorithm, byte[] dataToBeSigned) throws SigningException;

    default X509Certificate certificate() {
        return certificateChain().get(0);
    }
}
