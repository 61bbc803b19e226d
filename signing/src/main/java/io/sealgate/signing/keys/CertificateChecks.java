package io.sealgate.signing.keys;

import io.sealgate.signing.SigningException;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Date;
import java.util.List;

/** Checks a certificate chain before the vault stores it with a key. */
final class CertificateChecks {

    private CertificateChecks() {
    }

    static void checkImport(String action, X509Certificate current, List<X509Certificate> chain)
            throws SigningException {
        if (chain.isEmpty()) {
            throw new SigningException("cannot " + action + ": no certificate given");
        }
        X509Certificate leaf = chain.get(0);
        if (!Arrays.equals(leaf.getPublicKey().getEncoded(), current.getPublicKey().getEncoded())) {
            throw new SigningException("cannot " + action + ": the certificate for "
                    + leaf.getSubjectX500Principal().getName() + " is for another public key than the token's key");
        }
        Date now = new Date();
        if (leaf.getNotAfter().before(now)) {
            throw new SigningException("cannot " + action + ": the certificate expired on "
                    + leaf.getNotAfter().toInstant());
        }
        for (int i = 0; i + 1 < chain.size(); i++) {
            X509Certificate child = chain.get(i);
            X509Certificate parent = chain.get(i + 1);
            try {
                child.verify(parent.getPublicKey());
            } catch (GeneralSecurityException e) {
                throw new SigningException("cannot " + action + ": " + child.getSubjectX500Principal().getName()
                        + " is not signed by the next certificate in the chain, "
                        + parent.getSubjectX500Principal().getName() + " (expected: signer first, root last)", e);
            }
        }
    }
}
