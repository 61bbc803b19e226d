package io.sealgate.signing.testing;

import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A {@link SigningKey} that forwards everything to another key; tests override {@link #sign} to make the token fail,
 * disappear or answer wrongly.
 */
public class ForwardingSigningKey implements SigningKey {

    private final SigningKey delegate;

    public ForwardingSigningKey(SigningKey delegate) {
        this.delegate = delegate;
    }

    @Override
    public String label() {
        return delegate.label();
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return delegate.certificateChain();
    }

    @Override
    public String keyAlgorithm() {
        return delegate.keyAlgorithm();
    }

    @Override
    public byte[] sign(String jcaSignatureAlgorithm, byte[] dataToBeSigned) throws SigningException {
        return delegate.sign(jcaSignatureAlgorithm, dataToBeSigned);
    }
}
