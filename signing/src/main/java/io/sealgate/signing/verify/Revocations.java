package io.sealgate.signing.verify;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;

/**
 * Finds a certificate's revocation status in CRLs and OCSP responses whose signatures verify: a CRL signed by the
 * issuer, an OCSP response signed by the issuer or by a responder the issuer certified for OCSPSigning.
 */
final class Revocations {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final String OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";

    /** @param revokedAt null when not revoked; @param source e.g. {@code CRL of CN=CA, this update ...} */
    record Status(Instant revokedAt, String source) {
    }

    /** Signatures of CRLs and OCSP responses already checked, by (evidence, issuer): each is checked once. */
    private final java.util.Map<java.util.List<Object>, Boolean> checked = new java.util.HashMap<>();
    /**
     * CRL signatures verified in earlier verifications, by SHA-256 of (CRL, issuer key): a signature check is a pure
     * function of those bytes, and every document of a PKI carries the same few CRLs. Least recently used out.
     */
    private static final int MAX_VERIFIED_CRLS = 1024;
    private static final java.util.Map<String, Boolean> VERIFIED_CRLS =
            new java.util.LinkedHashMap<>(64, 0.75f, true) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                    return size() > MAX_VERIFIED_CRLS;
                }
            };

    Revocations() {
    }

    /** The status from the first usable OCSP response, else CRL; null when {@code evidence} says nothing. */
    Status find(X509Certificate cert, X509Certificate issuer, Evidence evidence) {
        for (BasicOCSPResp response : evidence.ocsps()) {
            Status s = fromOcsp(cert, issuer, response);
            if (s != null) {
                return s;
            }
        }
        for (X509CRL crl : evidence.crls()) {
            if (!crl.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                continue;
            }
            boolean signed = checked.computeIfAbsent(java.util.List.of(crl, issuer), k -> crlSignedBy(crl, issuer));
            if (!signed) {
                continue;
            }
            X509CRLEntry entry = crl.getRevokedCertificate(cert);
            String source = "CRL of " + describe(issuer) + " of " + crl.getThisUpdate().toInstant();
            return new Status(entry == null ? null : entry.getRevocationDate().toInstant(), source);
        }
        return null;
    }

    private static boolean crlSignedBy(X509CRL crl, X509Certificate issuer) {
        String key;
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(crl.getEncoded());
            md.update(issuer.getPublicKey().getEncoded());
            key = java.util.HexFormat.of().formatHex(md.digest());
        } catch (Exception e) {
            return false;
        }
        synchronized (VERIFIED_CRLS) {
            Boolean known = VERIFIED_CRLS.get(key);
            if (known != null) {
                return known;
            }
        }
        boolean ok;
        try {
            crl.verify(issuer.getPublicKey(), BC);
            ok = true;
        } catch (Exception e) {
            ok = false;
        }
        synchronized (VERIFIED_CRLS) {
            VERIFIED_CRLS.put(key, ok);
        }
        return ok;
    }

    private Status fromOcsp(X509Certificate cert, X509Certificate issuer, BasicOCSPResp response) {
        try {
            X509CertificateHolder issuerHolder = new JcaX509CertificateHolder(issuer);
            for (SingleResp single : response.getResponses()) {
                CertificateID id = single.getCertID();
                if (!id.getSerialNumber().equals(cert.getSerialNumber())) {
                    continue;
                }
                if (!id.matchesIssuer(issuerHolder, new JcaDigestCalculatorProviderBuilder().build())
                        || !checked.computeIfAbsent(List.of(response, issuer),
                                k -> signedByIssuerOrDelegate(response, issuerHolder))) {
                    continue;
                }
                CertificateStatus status = single.getCertStatus();
                String source = "OCSP response of " + response.getProducedAt().toInstant();
                if (status == CertificateStatus.GOOD) {
                    return new Status(null, source);
                }
                if (status instanceof RevokedStatus revoked) {
                    return new Status(revoked.getRevocationTime().toInstant(), source);
                }
            }
        } catch (Exception e) {
            return null;
        }
        return null;
    }

    private static boolean signedByIssuerOrDelegate(BasicOCSPResp response, X509CertificateHolder issuer) {
        try {
            return signedByIssuerOrDelegateUnchecked(response, issuer);
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean signedByIssuerOrDelegateUnchecked(BasicOCSPResp response, X509CertificateHolder issuer)
            throws Exception {
        var verifiers = new JcaContentVerifierProviderBuilder().setProvider(BC);
        if (response.isSignatureValid(verifiers.build(issuer))) {
            return true;
        }
        for (X509CertificateHolder responder : response.getCerts()) {
            if (responder.getIssuer().equals(issuer.getSubject())
                    && responder.isSignatureValid(verifiers.build(issuer))
                    && responder.getExtensions() != null
                    && List.of(org.bouncycastle.asn1.x509.ExtendedKeyUsage.fromExtensions(responder.getExtensions())
                            .getUsages()).stream().anyMatch(u -> u.getId().equals(OCSP_SIGNING))
                    && response.isSignatureValid(verifiers.build(responder))) {
                return true;
            }
        }
        return false;
    }

    /** {@code CN=Alice,O=acme (serial 1a2b)}. */
    static String describe(X509Certificate cert) {
        return cert.getSubjectX500Principal().getName() + " (serial " + cert.getSerialNumber().toString(16) + ")";
    }
}
