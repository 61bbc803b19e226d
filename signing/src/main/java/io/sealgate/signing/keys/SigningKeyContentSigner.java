package io.sealgate.signing.keys;

import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.DefaultSignatureAlgorithmIdentifierFinder;
import org.bouncycastle.operator.RuntimeOperatorException;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;

/**
 * A Bouncy Castle {@link ContentSigner} whose signature comes from a {@link SigningKey}, so BC builders
 * (certificates, CSRs, CRLs, OCSP responses, timestamp tokens) sign inside the token. BC's interface cannot throw
 * checked exceptions: a {@link SigningException} travels wrapped in a {@link RuntimeOperatorException}; callers get
 * it back with {@link #unwrap}.
 */
public final class SigningKeyContentSigner implements ContentSigner {

    private final SigningKey key;
    private final String jcaAlgorithm;
    private final AlgorithmIdentifier algorithmIdentifier;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    public SigningKeyContentSigner(SigningKey key, String jcaAlgorithm) {
        this.key = key;
        this.jcaAlgorithm = jcaAlgorithm;
        this.algorithmIdentifier = new DefaultSignatureAlgorithmIdentifierFinder().find(jcaAlgorithm);
    }

    /** The usual algorithm for {@code key}: SHA-256 with ECDSA or RSA (SHA-384 for P-384). */
    public static String defaultAlgorithm(SigningKey key) {
        KeyAlgorithm known = KeyAlgorithm.of(key.certificate().getPublicKey());
        if (known != null) {
            return known.signatureAlgorithm();
        }
        return "EC".equals(key.keyAlgorithm()) ? "SHA256withECDSA" : "SHA256withRSA";
    }

    @Override
    public AlgorithmIdentifier getAlgorithmIdentifier() {
        return algorithmIdentifier;
    }

    @Override
    public OutputStream getOutputStream() {
        return data;
    }

    @Override
    public byte[] getSignature() {
        try {
            return key.sign(jcaAlgorithm, data.toByteArray());
        } catch (SigningException e) {
            throw new RuntimeOperatorException(e.getMessage(), e);
        }
    }

    /** The {@link SigningException} inside {@code e}, if a token signature failed; otherwise {@code null}. */
    public static SigningException unwrap(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SigningException s) {
                return s;
            }
        }
        return null;
    }
}
