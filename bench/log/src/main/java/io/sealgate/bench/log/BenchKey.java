package io.sealgate.bench.log;

import io.sealgate.fixtures.pki.SoftwareKey;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/** A software P-256 key for the benchmark: tree head signing cost without a PKCS#11 round trip. */
final class BenchKey implements SigningKey {
    private final SoftwareKey key = SoftwareKey.selfSigned("bench-log");

    @Override
    public String label() {
        return key.label();
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return key.certificateChain();
    }

    @Override
    public String keyAlgorithm() {
        return key.keyAlgorithm();
    }

    @Override
    public byte[] sign(String algorithm, byte[] data) throws SigningException {
        try {
            return key.sign(algorithm, data);
        } catch (GeneralSecurityException e) {
            throw new SigningException("bench key: " + e.getMessage(), e);
        }
    }
}
