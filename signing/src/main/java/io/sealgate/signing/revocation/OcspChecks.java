package io.sealgate.signing.revocation;

import io.sealgate.signing.SigningException;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;

/** Checks a basic OCSP response for one certificate: signer, freshness, nonce, and finally the status. */
final class OcspChecks {

    static final BouncyCastleProvider BC = new BouncyCastleProvider();
    /** Clock skew tolerated between us and the responder. */
    private static final Duration SKEW = Duration.ofMinutes(5);

    private OcspChecks() {
    }

    /**
     * @param nonce the nonce we sent, or {@code null}
     * @throws SigningException when the response is not trustworthy or says revoked or unknown
     */
    static void check(BasicOCSPResp response, CertificateID id, byte[] nonce, X509Certificate certificate,
                      X509Certificate issuer, String source) throws SigningException {
        String subject = describe(certificate);
        try {
            if (!signedByIssuerOrDelegate(response, issuer)) {
                throw new SigningException("OCSP response from " + source + " for " + subject
                        + " is not signed by its issuer or a responder the issuer authorised");
            }
            if (nonce != null) {
                Extension echoed = response.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce);
                if (echoed != null && !Arrays.equals(echoed.getExtnValue().getOctets(), nonce)) {
                    throw new SigningException("OCSP response from " + source + " for " + subject
                            + " carries another request's nonce");
                }
            }
            SingleResp single = Arrays.stream(response.getResponses()).filter(r -> r.getCertID().equals(id))
                    .findFirst().orElseThrow(() -> new SigningException("OCSP response from " + source
                            + " does not mention " + subject));
            Instant now = Instant.now();
            if (single.getThisUpdate().toInstant().isAfter(now.plus(SKEW))) {
                throw new SigningException("OCSP response from " + source + " for " + subject
                        + " is dated in the future (" + single.getThisUpdate().toInstant() + ")");
            }
            if (single.getNextUpdate() != null && single.getNextUpdate().toInstant().isBefore(now.minus(SKEW))) {
                throw new SigningException("OCSP response from " + source + " for " + subject
                        + " is stale (next update was " + single.getNextUpdate().toInstant() + ")");
            }
            CertificateStatus status = single.getCertStatus();
            if (status instanceof RevokedStatus revoked) {
                throw new SigningException(subject + " is revoked since " + revoked.getRevocationTime().toInstant()
                        + ", according to OCSP responder " + source);
            }
            if (status != CertificateStatus.GOOD) {
                throw new SigningException("OCSP responder " + source + " does not know " + subject);
            }
        } catch (OCSPException | OperatorCreationException | CertificateException | CertException e) {
            throw new SigningException("cannot check the OCSP response from " + source + " for " + subject + ": "
                    + e.getMessage(), e);
        }
    }

    /** {@code "certificate CN=Alice (serial 1a2b)"}. */
    static String describe(X509Certificate certificate) {
        return "certificate " + certificate.getSubjectX500Principal().getName() + " (serial "
                + certificate.getSerialNumber().toString(16) + ")";
    }

    private static boolean signedByIssuerOrDelegate(BasicOCSPResp response, X509Certificate issuer)
            throws OCSPException, OperatorCreationException, CertificateException, CertException {
        var verifiers = new JcaContentVerifierProviderBuilder().setProvider(BC);
        if (response.isSignatureValid(verifiers.build(issuer.getPublicKey()))) {
            return true;
        }
        X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
        for (X509CertificateHolder candidate : response.getCerts()) {
            // RFC 6960 4.2.2.2: a delegated responder is issued by the CA and carries id-kp-OCSPSigning.
            if (candidate.getIssuer().equals(issuerHolder.getSubject())
                    && candidate.isSignatureValid(verifiers.build(issuer.getPublicKey()))
                    && candidate.isValidOn(new java.util.Date())
                    && candidate.getExtensions() != null
                    && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(candidate.getExtensions()) != null
                    && org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(candidate.getExtensions())
                    .hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)
                    && response.isSignatureValid(verifiers.build(candidate))) {
                return true;
            }
        }
        return false;
    }
}
