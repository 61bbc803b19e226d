package io.sealgate.signing.keys;

import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/** A freshly generated key, not stored yet: it signs its own placeholder certificate during enrolment. */
record SessionKey(String label, PrivateKey privateKey, Pkcs11Token.Connection connection) implements SigningKey {

    @Override
    public List<X509Certificate> certificateChain() {
        throw new UnsupportedOperationException("a key being enrolled has no certificate yet");
    }

    @Override
    public String keyAlgorithm() {
        return privateKey.getAlgorithm();
    }

    @Override
    public byte[] sign(String algorithm, byte[] data) throws SigningException {
        try {
            Signature s = Signature.getInstance(algorithm, connection.provider());
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningException("cannot sign the placeholder certificate for key '" + label + "': "
                    + Pkcs11Errors.describe(e), e);
        }
    }
}
