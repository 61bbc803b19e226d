package io.sealgate.signing.verify;

import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningUnavailableException;

import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertPathBuilder;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertStore;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXBuilderParameters;
import java.security.cert.PKIXCertPathBuilderResult;
import java.security.cert.TrustAnchor;
import java.security.cert.X509CertSelector;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a certificate's path to the configured trust anchors (PKIX, RFC 5280) at a given time, then checks the
 * revocation status of every certificate on it but the anchor, from the document's evidence first and, when that
 * has none and a {@link RevocationSource} is configured, from the network. Thread-safe.
 */
final class CertificatePaths {

    /** What was found: the path (target first, anchor last; empty when none was built) and the checks made. */
    record Result(List<X509Certificate> path, List<CheckResult> checks) {
    }

    private final Set<TrustAnchor> anchors = new HashSet<>();
    private final List<X509Certificate> anchorCertificates;
    private final Optional<RevocationSource> fetcher;
    /** Paths already built in this verification, by target: a stack of signatures shares its CAs and TSA. */
    private final java.util.Map<X509Certificate, List<X509Certificate>> built = new java.util.HashMap<>();
    private final Revocations revocations = new Revocations();

    CertificatePaths(List<X509Certificate> trustAnchors, Optional<RevocationSource> fetcher) {
        this.anchorCertificates = List.copyOf(trustAnchors);
        for (X509Certificate c : trustAnchors) {
            anchors.add(new TrustAnchor(c, null));
        }
        this.fetcher = fetcher;
    }

    /**
     * @param what               for messages, e.g. {@code signing certificate} or {@code TSA certificate}
     * @param at                 the time the path must be valid at
     * @param revocationRequired whether missing revocation information makes the result indeterminate (else it
     *                           is a warning)
     */
    Result validate(X509Certificate target, String what, Evidence evidence, Instant at, boolean revocationRequired) {
        return validate(target, what, evidence, at, true, revocationRequired);
    }

    /**
     * @param proven whether {@code at} is proven (a trusted timestamp, or the timestamp's own time); when it is
     *               only the verification time, an expired certificate leaves the signature indeterminate, since
     *               it may have been made while the certificate was valid
     */
    Result validate(X509Certificate target, String what, Evidence evidence, Instant at, boolean proven,
                    boolean revocationRequired) {
        List<CheckResult> checks = new ArrayList<>();
        String name = Revocations.describe(target);
        try {
            target.checkValidity(Date.from(at));
        } catch (CertificateExpiredException e) {
            String message = "the " + what + " " + name + " had expired at " + at + " (valid until "
                    + target.getNotAfter().toInstant() + ")";
            checks.add(proven ? CheckResult.failed("certificate-validity", message)
                    : CheckResult.indeterminate("certificate-validity", message + ", and no trusted timestamp proves "
                            + "the signature was made before"));
            return new Result(List.of(), checks);
        } catch (CertificateNotYetValidException e) {
            checks.add(CheckResult.failed("certificate-validity", "the " + what + " " + name + " was not yet valid"
                    + " at " + at + " (valid from " + target.getNotBefore().toInstant() + ")"));
            return new Result(List.of(), checks);
        }
        checks.add(CheckResult.passed("certificate-validity", "the " + what + " " + name + " was valid at " + at));
        if (anchors.isEmpty()) {
            checks.add(CheckResult.indeterminate("certificate-path", "no trust anchor is configured, so the "
                    + what + " " + name + " cannot be trusted (use --trust CERT)"));
            return new Result(List.of(), checks);
        }
        List<X509Certificate> path;
        try {
            path = build(target, evidence, at);
        } catch (CertPathBuilderException e) {
            checks.add(CheckResult.indeterminate("certificate-path", "no valid path from the " + what + " " + name
                    + " to a trusted certificate at " + at + " (issuer: " + target.getIssuerX500Principal()
                    .getName() + ")"));
            return new Result(List.of(), checks);
        }
        checks.add(CheckResult.passed("certificate-path", "the " + what + " " + name + " chains to the trusted "
                + Revocations.describe(path.get(path.size() - 1))));
        for (int i = 0; i + 1 < path.size(); i++) {
            checks.add(revocation(path.get(i), path.get(i + 1), evidence, at, revocationRequired));
        }
        return new Result(path, checks);
    }

    private List<X509Certificate> build(X509Certificate target, Evidence evidence, Instant at)
            throws CertPathBuilderException {
        List<X509Certificate> known = built.get(target);
        if (known != null && validAt(known, at)) {
            return known;
        }
        List<X509Certificate> path = buildPath(target, evidence, at);
        built.put(target, path);
        return path;
    }

    private static boolean validAt(List<X509Certificate> path, Instant at) {
        for (X509Certificate c : path) {
            try {
                c.checkValidity(Date.from(at));
            } catch (CertificateExpiredException | CertificateNotYetValidException e) {
                return false;
            }
        }
        return true;
    }

    private List<X509Certificate> buildPath(X509Certificate target, Evidence evidence, Instant at)
            throws CertPathBuilderException {
        for (X509Certificate a : anchorCertificates) {
            if (a.equals(target)) {
                return List.of(target);
            }
        }
        try {
            X509CertSelector selector = new X509CertSelector();
            selector.setCertificate(target);
            PKIXBuilderParameters params = new PKIXBuilderParameters(anchors, selector);
            params.setRevocationEnabled(false); // checked below, from the document's own evidence
            params.setDate(Date.from(at));
            List<X509Certificate> pool = new ArrayList<>(evidence.certificates());
            pool.add(target);
            params.addCertStore(CertStore.getInstance("Collection", new CollectionCertStoreParameters(pool)));
            PKIXCertPathBuilderResult result = (PKIXCertPathBuilderResult) CertPathBuilder.getInstance("PKIX")
                    .build(params);
            List<X509Certificate> path = new ArrayList<>();
            result.getCertPath().getCertificates().forEach(c -> path.add((X509Certificate) c));
            path.add(result.getTrustAnchor().getTrustedCert());
            return path;
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new IllegalStateException("the JDK has no PKIX path builder", e);
        }
    }

    private CheckResult revocation(X509Certificate cert, X509Certificate issuer, Evidence evidence, Instant at,
                                   boolean required) {
        Revocations.Status status = revocations.find(cert, issuer, evidence);
        if (status == null && fetcher.isPresent()) {
            try {
                RevocationSource.RevocationData data = fetcher.get().collect(List.of(cert, issuer));
                Evidence fetched = new Evidence();
                data.crls().forEach(fetched::addCrl);
                data.ocspResponses().forEach(fetched::addOcsp);
                status = revocations.find(cert, issuer, fetched);
            } catch (SigningUnavailableException e) {
                return CheckResult.indeterminate("revocation", "cannot fetch the revocation status of "
                        + Revocations.describe(cert) + ": " + e.getMessage());
            } catch (SigningException e) {
                return CheckResult.failed("revocation", e.getMessage());
            }
        }
        if (status == null) {
            String message = "no revocation information for " + Revocations.describe(cert)
                    + " in the document or from its issuer";
            return required ? CheckResult.indeterminate("revocation", message)
                            : CheckResult.warning("revocation", message);
        }
        if (status.revokedAt() != null && !status.revokedAt().isAfter(at)) {
            return CheckResult.failed("revocation", Revocations.describe(cert) + " was revoked on "
                    + status.revokedAt() + ", before " + at + " (" + status.source() + ")");
        }
        if (status.revokedAt() != null) {
            return CheckResult.passed("revocation", Revocations.describe(cert) + " was revoked on "
                    + status.revokedAt() + ", after " + at + " (" + status.source() + ")");
        }
        return CheckResult.passed("revocation", Revocations.describe(cert) + " is not revoked ("
                + status.source() + ")");
    }
}
