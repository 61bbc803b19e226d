package io.sealgate.signing.testing;

import io.sealgate.fixtures.pki.SoftwareKey;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A {@link SigningKey} whose private key is in memory: the test stand-in for a token key. {@link #software()} gives
 * the key itself, for signers nobody on the team wrote (PDFBox's external signing).
 */
public record SoftwareSigningKey(SoftwareKey software) implements SigningKey {

    /** An EC P-256 key with a self-signed certificate {@code CN=<label>}, as the log's key stands in tests. */
    public static SoftwareSigningKey generate(String label) {
        return new SoftwareSigningKey(SoftwareKey.selfSigned(label));
    }

    @Override
    public String label() {
        return software.label();
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return software.certificateChain();
    }

    @Override
    public String keyAlgorithm() {
        return software.keyAlgorithm();
    }

    @Override
    public byte[] sign(String jcaSignatureAlgorithm, byte[] dataToBeSigned) throws SigningException {
        try {
            return software.sign(jcaSignatureAlgorithm, dataToBeSigned);
        } catch (GeneralSecurityException e) {
            throw new SigningException("cannot sign with test key " + label() + ": " + e.getMessage(), e);
        }
    }
}
