package io.sealgate.signing.verify;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tsp.TimeStampToken;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Checks an RFC 3161 timestamp token: its message imprint against the data it should cover, its signature and
 * ESS certificate binding and the TSA certificate's critical timeStamping usage (Bouncy Castle's
 * {@code TimeStampToken.validate}), and the TSA certificate's path to a trust anchor at the token's time.
 */
final class TimestampCheck {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    /** The report, and the proven time when the token is valid (else null). */
    record Result(TimestampReport report, Instant provenTime) {
    }

    private TimestampCheck() {
    }

    /** @param covered the bytes the imprint must be the digest of (a signature value, or a PDF byte range) */
    static Result check(byte[] token, DigestSource covered, Evidence evidence, CertificatePaths paths) {
        List<CheckResult> checks = new ArrayList<>();
        TimeStampToken tst;
        try {
            tst = new TimeStampToken(new CMSSignedData(token));
        } catch (Exception e) {
            checks.add(CheckResult.failed("timestamp-token", "the timestamp token cannot be read: " + e.getMessage()));
            return new Result(new TimestampReport(null, null, SignatureStatus.INVALID, checks), null);
        }
        Instant time = tst.getTimeStampInfo().getGenTime().toInstant();
        String algorithm = tst.getTimeStampInfo().getMessageImprintAlgOID().getId();
        try {
            byte[] digest = covered.digest(MessageDigest.getInstance(algorithm));
            if (MessageDigest.isEqual(digest, tst.getTimeStampInfo().getMessageImprintDigest())) {
                checks.add(CheckResult.passed("timestamp-imprint", "the timestamp's message imprint matches the "
                        + "data it covers"));
            } else {
                checks.add(CheckResult.failed("timestamp-imprint", "the timestamp's message imprint does not match "
                        + "the data it should cover"));
            }
        } catch (Exception e) {
            checks.add(CheckResult.failed("timestamp-imprint", "the timestamp's imprint algorithm " + algorithm
                    + " is not supported"));
        }
        X509Certificate tsa = tsaCertificate(tst, evidence);
        if (tsa == null) {
            checks.add(CheckResult.indeterminate("timestamp-signature", "the timestamp token carries no TSA "
                    + "certificate and none in the document matches it"));
            return new Result(new TimestampReport(time.toString(), null, status(checks), checks), null);
        }
        try {
            tst.validate(SignerVerifiers.of(tsa));
            checks.add(CheckResult.passed("timestamp-signature", "the timestamp is signed by "
                    + Revocations.describe(tsa) + ", a timestamping certificate"));
        } catch (Exception e) {
            checks.add(CheckResult.failed("timestamp-signature", "the timestamp's signature does not verify with "
                    + Revocations.describe(tsa) + ": " + e.getMessage()));
        }
        Evidence withToken = new Evidence();
        withToken.addAll(evidence);
        certificates(tst).forEach(withToken::addCertificate);
        checks.addAll(paths.validate(tsa, "TSA certificate", withToken, time, false).checks());
        SignatureStatus status = status(checks);
        return new Result(new TimestampReport(time.toString(), tsa.getSubjectX500Principal().getName(), status,
                checks), status == SignatureStatus.VALID ? time : null);
    }

    static SignatureStatus status(List<CheckResult> checks) {
        if (checks.stream().anyMatch(c -> c.outcome() == CheckResult.Outcome.FAILED)) {
            return SignatureStatus.INVALID;
        }
        if (checks.stream().anyMatch(c -> c.outcome() == CheckResult.Outcome.INDETERMINATE)) {
            return SignatureStatus.INDETERMINATE;
        }
        return SignatureStatus.VALID;
    }

    private static X509Certificate tsaCertificate(TimeStampToken tst, Evidence evidence) {
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> matches = tst.getCertificates().getMatches(tst.getSID());
        for (X509CertificateHolder h : matches) {
            try {
                return new JcaX509CertificateConverter().getCertificate(h);
            } catch (Exception ignored) {
                // unreadable: look further
            }
        }
        for (X509Certificate c : evidence.certificates()) {
            if (tst.getSID().match(holder(c))) {
                return c;
            }
        }
        return null;
    }

    static List<X509Certificate> certificates(TimeStampToken tst) {
        List<X509Certificate> out = new ArrayList<>();
        Collection<X509CertificateHolder> holders = tst.getCertificates().getMatches(null);
        for (X509CertificateHolder h : holders) {
            try {
                out.add(new JcaX509CertificateConverter().getCertificate(h));
            } catch (Exception ignored) {
                // an unreadable certificate cannot be the TSA's; the path check reports what is missing
            }
        }
        return out;
    }

    static X509CertificateHolder holder(X509Certificate c) {
        try {
            return new X509CertificateHolder(c.getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException("cannot re-encode " + c.getSubjectX500Principal(), e);
        }
    }

    /** Bytes a digest is computed over, fed without copying (PDF byte ranges are two slices of the file). */
    interface DigestSource {
        byte[] digest(MessageDigest md);

        static DigestSource of(byte[] data) {
            return md -> md.digest(data);
        }
    }
}
