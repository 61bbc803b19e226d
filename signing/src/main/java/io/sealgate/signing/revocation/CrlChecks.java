package io.sealgate.signing.revocation;

import io.sealgate.signing.SigningException;

import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/** Checks a CRL, already verified against the issuer's key, for one certificate. */
final class CrlChecks {

    private static final Duration SKEW = Duration.ofMinutes(5);

    private CrlChecks() {
    }

    static void check(X509CRL crl, X509Certificate certificate, String source) throws SigningException {
        String subject = OcspChecks.describe(certificate);
        if (!crl.getIssuerX500Principal().equals(certificate.getIssuerX500Principal())) {
            throw new SigningException("CRL from " + source + " is issued by " + crl.getIssuerX500Principal()
                    .getName() + ", not by the issuer of " + subject);
        }
        Instant now = Instant.now();
        if (crl.getNextUpdate() != null && crl.getNextUpdate().toInstant().isBefore(now.minus(SKEW))) {
            throw new SigningException("CRL from " + source + " is stale (next update was "
                    + crl.getNextUpdate().toInstant() + ")");
        }
        X509CRLEntry entry = crl.getRevokedCertificate(certificate);
        if (entry != null) {
            throw new SigningException(subject + " is revoked since " + entry.getRevocationDate().toInstant()
                    + ", according to the CRL from " + source);
        }
    }
}
