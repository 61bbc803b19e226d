package io.sealgate.signing.verify;

import io.sealgate.signing.SealgateAttributes;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.ess.ESSCertID;
import org.bouncycastle.asn1.ess.ESSCertIDv2;
import org.bouncycastle.asn1.ess.SigningCertificate;
import org.bouncycastle.asn1.ess.SigningCertificateV2;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignerDigestMismatchException;
import org.bouncycastle.cms.CMSVerifierCertificateNotValidException;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.util.Store;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks one CMS signer info (a PAdES signature, a CAdES signer or counter-signer): signing certificate and its
 * binding (signing-certificate-v2, else v1), message digest and signature value, signature-time-stamps, the
 * certificate path at the best signing time with revocation, and reads the Sealgate signed attributes.
 */
final class SignerCheck {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    /** Clock skew between a signer's claimed time and its timestamp that is not worth a warning. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    /** What one signer info says and whether it holds. */
    record Result(List<CheckResult> checks, X509Certificate certificate, SignerReport signer, String step,
                  String requestId, byte[] manifest, List<TimestampReport> timestamps, Instant time,
                  TimeSource timeSource, List<X509Certificate> path, boolean timestamped) {

        SignatureStatus status() {
            return TimestampCheck.status(checks);
        }
    }

    private SignerCheck() {
    }

    /**
     * @param claimedTime         the time the signer claims outside the CMS ({@code /M}); null when none
     * @param requireCertBinding  whether a missing signing-certificate attribute is a failure (CAdES and PAdES
     *                            baseline) or a warning (older {@code adbe.pkcs7.detached} signatures)
     */
    static Result check(SignerInformation signer, Store<X509CertificateHolder> store, Evidence evidence,
                        CertificatePaths paths, Instant claimedTime, Instant now, boolean requireCertBinding) {
        List<CheckResult> checks = new ArrayList<>();
        List<X509Certificate> candidates = candidates(signer, store, evidence);
        AttributeTable signed = signer.getSignedAttributes();
        X509Certificate cert = bound(signer, candidates, signed, checks, requireCertBinding);
        String step = text(signed, SealgateAttributes.PROCESS_STEP_ID);
        String requestId = text(signed, SealgateAttributes.REQUEST_ID);
        String manifestText = text(signed, SealgateAttributes.PROCESS_MANIFEST);
        byte[] manifest = manifestText == null ? null
                : manifestText.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Instant attributeTime = signingTimeAttribute(signed);
        Instant claimed = attributeTime != null ? attributeTime : claimedTime;
        if (cert == null) {
            return new Result(checks, null, null, step, requestId, manifest, List.of(), claimed,
                    claimed == null ? TimeSource.NONE : TimeSource.CLAIMED, List.of(), false);
        }
        verifySignature(signer, cert, checks);

        List<TimestampReport> timestamps = new ArrayList<>();
        Instant proven = null;
        boolean timestamped = false;
        AttributeTable unsigned = signer.getUnsignedAttributes();
        if (unsigned != null) {
            var all = unsigned.getAll(PKCSObjectIdentifiers.id_aa_signatureTimeStampToken);
            for (int i = 0; i < all.size(); i++) {
                Attribute a = Attribute.getInstance(all.get(i));
                for (ASN1Encodable value : a.getAttrValues()) {
                    timestamped = true;
                    TimestampCheck.Result ts;
                    try {
                        ts = TimestampCheck.check(value.toASN1Primitive().getEncoded(),
                                TimestampCheck.DigestSource.of(signer.getSignature()), evidence, paths);
                    } catch (java.io.IOException e) {
                        continue;
                    }
                    timestamps.add(ts.report());
                    if (ts.provenTime() != null && (proven == null || ts.provenTime().isBefore(proven))) {
                        proven = ts.provenTime();
                    }
                }
            }
        }
        if (timestamped && proven == null) {
            // a broken token is a failure; one that is fine but not trusted leaves the signature indeterminate
            boolean broken = timestamps.isEmpty()
                    || timestamps.stream().anyMatch(t -> t.status() == SignatureStatus.INVALID);
            String why = "the signature's timestamp is not valid: " + timestamps.stream()
                    .map(t -> firstProblem(t.checks())).filter(m -> m != null).findFirst().orElse("unreadable");
            checks.add(broken ? CheckResult.failed("signature-timestamp", why)
                              : CheckResult.indeterminate("signature-timestamp", why));
        } else if (proven != null) {
            checks.add(CheckResult.passed("signature-timestamp", "a trusted timestamp proves the signature existed"
                    + " at " + proven));
            if (claimed != null && claimed.isAfter(proven.plus(SKEW))) {
                checks.add(CheckResult.warning("signing-time", "the claimed signing time " + claimed
                        + " is after the timestamp " + proven));
            }
        }
        Instant at = proven != null ? proven : now;
        if (proven == null && claimed != null) {
            // a claimed time proves nothing: the certificate must also be valid now (checked by the path below)
            try {
                cert.checkValidity(java.util.Date.from(claimed));
            } catch (Exception e) {
                checks.add(CheckResult.failed("certificate-validity", "the signing certificate "
                        + Revocations.describe(cert) + " was not valid at the claimed signing time " + claimed));
            }
        }
        CertificatePaths.Result path = paths.validate(cert, "signing certificate", evidence, at, proven != null, true);
        checks.addAll(path.checks());
        Instant time = proven != null ? proven : claimed;
        TimeSource source = proven != null ? TimeSource.TIMESTAMP : claimed != null ? TimeSource.CLAIMED
                : TimeSource.NONE;
        return new Result(checks, cert, CertifiedIdentity.report(cert), step, requestId, manifest, timestamps, time,
                source, path.path(), timestamped);
    }

    private static String firstProblem(List<CheckResult> checks) {
        return checks.stream().filter(c -> c.outcome() == CheckResult.Outcome.FAILED
                || c.outcome() == CheckResult.Outcome.INDETERMINATE).map(CheckResult::message).findFirst()
                .orElse(null);
    }

    private static void verifySignature(SignerInformation signer, X509Certificate cert, List<CheckResult> checks) {
        try {
            if (signer.verify(SignerVerifiers.of(cert))) {
                checks.add(CheckResult.passed("message-digest", "the signed data matches the message digest"));
                checks.add(CheckResult.passed("signature-value", "the signature value verifies with the signing "
                        + "certificate's key"));
            } else {
                checks.add(CheckResult.passed("message-digest", "the signed data matches the message digest"));
                checks.add(CheckResult.failed("signature-value", "the signature value does not verify with the "
                        + "signing certificate's key"));
            }
        } catch (CMSSignerDigestMismatchException e) {
            checks.add(CheckResult.failed("message-digest", "the signed data does not match the message digest: "
                    + "the content was changed after signing"));
        } catch (CMSVerifierCertificateNotValidException e) {
            checks.add(CheckResult.failed("certificate-validity", "the signing certificate was not valid at the "
                    + "signing-time attribute"));
        } catch (Exception e) {
            checks.add(CheckResult.failed("signature-value", "the signature cannot be verified: " + e.getMessage()));
        }
    }

    private static List<X509Certificate> candidates(SignerInformation signer, Store<X509CertificateHolder> store,
                                                    Evidence evidence) {
        Set<X509Certificate> out = new LinkedHashSet<>();
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        @SuppressWarnings("unchecked")
        var matches = store.getMatches(signer.getSID());
        for (Object o : matches) {
            try {
                out.add(converter.getCertificate((X509CertificateHolder) o));
            } catch (Exception ignored) {
                // not a usable certificate
            }
        }
        for (X509Certificate c : evidence.certificates()) {
            if (signer.getSID().match(TimestampCheck.holder(c))) {
                out.add(c);
            }
        }
        return new ArrayList<>(out);
    }

    /** The candidate the signing-certificate attribute binds, recording the binding check. */
    private static X509Certificate bound(SignerInformation signer, List<X509Certificate> candidates,
                                         AttributeTable signed, List<CheckResult> checks, boolean required) {
        if (candidates.isEmpty()) {
            checks.add(CheckResult.failed("signing-certificate", "the signature names a certificate (" + signer
                    .getSID().getIssuer() + ", serial " + (signer.getSID().getSerialNumber() == null ? "?"
                    : signer.getSID().getSerialNumber().toString(16)) + ") that the document does not carry"));
            return null;
        }
        Attribute v2 = signed == null ? null : signed.get(PKCSObjectIdentifiers.id_aa_signingCertificateV2);
        Attribute v1 = signed == null ? null : signed.get(PKCSObjectIdentifiers.id_aa_signingCertificate);
        try {
            if (v2 != null) {
                ESSCertIDv2 id = SigningCertificateV2.getInstance(v2.getAttrValues().getObjectAt(0)).getCerts()[0];
                String alg = id.getHashAlgorithm().getAlgorithm().getId();
                for (X509Certificate c : candidates) {
                    if (MessageDigest.isEqual(MessageDigest.getInstance(alg, BC).digest(c.getEncoded()),
                            id.getCertHash())) {
                        checks.add(CheckResult.passed("signing-certificate", "the signing-certificate-v2 attribute"
                                + " binds " + Revocations.describe(c)));
                        return c;
                    }
                }
                checks.add(CheckResult.failed("signing-certificate", "the signing-certificate-v2 attribute names "
                        + "another certificate than " + Revocations.describe(candidates.get(0))));
                return null;
            }
            if (v1 != null) {
                ESSCertID id = SigningCertificate.getInstance(v1.getAttrValues().getObjectAt(0)).getCerts()[0];
                for (X509Certificate c : candidates) {
                    if (MessageDigest.isEqual(MessageDigest.getInstance("SHA-1").digest(c.getEncoded()),
                            id.getCertHash())) {
                        checks.add(CheckResult.passed("signing-certificate", "the signing-certificate attribute "
                                + "binds " + Revocations.describe(c)));
                        return c;
                    }
                }
                checks.add(CheckResult.failed("signing-certificate", "the signing-certificate attribute names "
                        + "another certificate than " + Revocations.describe(candidates.get(0))));
                return null;
            }
        } catch (Exception e) {
            checks.add(CheckResult.failed("signing-certificate", "the signing-certificate attribute cannot be "
                    + "read: " + e.getMessage()));
            return null;
        }
        String message = "the signature does not bind its certificate (no signing-certificate-v2 attribute)";
        checks.add(required ? CheckResult.failed("signing-certificate", message)
                            : CheckResult.warning("signing-certificate", message));
        return candidates.get(0);
    }

    private static String text(AttributeTable attributes, String oid) {
        if (attributes == null) {
            return null;
        }
        Attribute a = attributes.get(new ASN1ObjectIdentifier(oid));
        if (a == null || a.getAttrValues().size() == 0) {
            return null;
        }
        return a.getAttrValues().getObjectAt(0) instanceof ASN1String s ? s.getString() : null;
    }

    private static Instant signingTimeAttribute(AttributeTable attributes) {
        if (attributes == null || attributes.get(CMSAttributes.signingTime) == null) {
            return null;
        }
        try {
            return Time.getInstance(attributes.get(CMSAttributes.signingTime).getAttrValues().getObjectAt(0))
                    .getDate().toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }
}
