package io.sealgate.bench.verify;

import io.sealgate.fixtures.pki.SigningPki;
import io.sealgate.fixtures.pki.SoftwareKey;
import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.TimestampSource;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The benchmark's view of the shared {@link SigningPki}: root, issuing CA, TSA, signers (EC P-256), and the two
 * CRLs made once, so that every verification reads the same evidence.
 */
final class BenchPki {

    private final SigningPki pki = SigningPki.create("Bench", "Bench");
    final X509Certificate root = pki.root();
    final byte[] rootCrl = pki.crl(pki.root());
    final byte[] caCrl = pki.crl(pki.ca());

    SigningKey signer(String user) {
        SoftwareKey key = pki.issue(user, "UID=" + user + ",CN=" + user + ",O=bench", "EC");
        return new SigningKey() {
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
                    throw new SigningException("bench key failed: " + e, e);
                }
            }
        };
    }

    TimestampSource timestamps() {
        return digest -> {
            try {
                return pki.timestamp(digest);
            } catch (GeneralSecurityException e) {
                throw new SigningException("bench TSA failed: " + e, e);
            }
        };
    }

    RevocationSource crls() {
        return chain -> new RevocationSource.RevocationData(List.of(), List.of(rootCrl, caCrl));
    }
}
