package io.sealgate.signing.revocation;

import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.keys.Certificates;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.SigningKeyContentSigner;

import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.DigestCalculatorProvider;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Revocation evidence for the dev CA's certificates, made in process: an OCSP response signed by the dev CA's own
 * key (the CA answers for itself, RFC 6960 4.2.2.2), a CRL on demand ({@link #crl()}), and answers to OCSP requests
 * ({@link #respond}) for whoever publishes them over HTTP (see {@link DevCa#publishedAt}). It reads
 * the revocations the dev CA keeps in the token, so a revoked certificate cannot sign at B-LT. Certificates of other
 * CAs go to {@code others} (usually an {@link OnlineRevocationSource}).
 */
public final class DevCaRevocationSource implements RevocationSource {

    private static final Duration VALIDITY = Duration.ofDays(7);

    private final DevCa ca;
    private final RevocationSource others;

    public DevCaRevocationSource(DevCa ca, RevocationSource others) {
        this.ca = ca;
        this.others = others;
    }

    @Override
    public RevocationData collect(List<X509Certificate> chain) throws SigningException {
        List<byte[]> ocsp = new ArrayList<>();
        List<byte[]> crls = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            if (OnlineRevocationSource.isSelfSigned(certificate)) {
                continue;
            }
            if (ca.issued(certificate)) {
                ocsp.add(ocspResponse(certificate));
            } else {
                RevocationData data = others.collect(chain.subList(i, Math.min(i + 2, chain.size())));
                ocsp.addAll(data.ocspResponses());
                crls.addAll(data.crls());
            }
        }
        return new RevocationData(ocsp, crls);
    }

    /**
     * An OCSP response for a certificate the dev CA issued, DER-encoded.
     *
     * @throws SigningException when the certificate is revoked, saying so
     */
    public byte[] ocspResponse(X509Certificate certificate) throws SigningException {
        Instant when = ca.revocations().get(certificate.getSerialNumber());
        if (when != null) {
            throw new SigningException(OcspChecks.describe(certificate) + " is revoked since " + when
                    + ", according to the dev CA");
        }
        try {
            CertificateID id = new CertificateID(digests().get(CertificateID.HASH_SHA1),
                    new JcaX509CertificateHolder(ca.root()), certificate.getSerialNumber());
            return build(List.of(id), null);
        } catch (Exception e) {
            throw Certificates.failure("cannot make the dev CA's OCSP response for "
                    + OcspChecks.describe(certificate), e);
        }
    }

    /**
     * Answers a DER {@code OCSPRequest} as the dev CA's OCSP responder would over HTTP (RFC 6960 appendix A):
     * {@code good} unless revoked, {@code unknown} for another issuer, the request's nonce echoed. The dev CA keeps no
     * list of what it issued, so a serial it never issued is reported {@code good}, as RFC 6960 2.2 permits.
     *
     * @return a DER {@code OCSPResponse}; {@code malformedRequest} when the request cannot be parsed
     */
    public byte[] respond(byte[] request) throws SigningException {
        OCSPReq parsed;
        try {
            parsed = new OCSPReq(request);
        } catch (IOException | RuntimeException e) {
            try {
                return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
            } catch (OCSPException | IOException impossible) {
                throw new SigningException("cannot encode an OCSP error response", impossible);
            }
        }
        try {
            List<CertificateID> ids = new ArrayList<>();
            for (Req r : parsed.getRequestList()) {
                ids.add(r.getCertID());
            }
            return build(ids, parsed.getExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce));
        } catch (Exception e) {
            throw Certificates.failure("cannot answer an OCSP request as the dev CA", e);
        }
    }

    private byte[] build(List<CertificateID> ids, Extension nonce) throws Exception {
        SigningKey key = ca.key();
        Map<BigInteger, Instant> revoked = ca.revocations();
        DigestCalculatorProvider digests = digests();
        X509CertificateHolder root = new JcaX509CertificateHolder(ca.root());
        Instant now = Instant.now();
        BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(
                new RespID(root.getSubjectPublicKeyInfo(), digests.get(RespID.HASH_SHA1)));
        for (CertificateID id : ids) {
            CertificateStatus status;
            if (!id.matchesIssuer(root, digests)) {
                status = new UnknownStatus();
            } else if (revoked.containsKey(id.getSerialNumber())) {
                status = new RevokedStatus(Date.from(revoked.get(id.getSerialNumber())), CRLReason.unspecified);
            } else {
                status = CertificateStatus.GOOD;
            }
            builder.addResponse(id, status, Date.from(now), Date.from(now.plus(VALIDITY)));
        }
        if (nonce != null) {
            builder.setResponseExtensions(new Extensions(nonce));
        }
        BasicOCSPResp basic = builder.build(new SigningKeyContentSigner(key,
                SigningKeyContentSigner.defaultAlgorithm(key)), new X509CertificateHolder[] {root}, Date.from(now));
        return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    }

    private static DigestCalculatorProvider digests() throws org.bouncycastle.operator.OperatorCreationException {
        return new JcaDigestCalculatorProviderBuilder().setProvider(OcspChecks.BC).build();
    }

    /** The dev CA's current CRL, DER-encoded, valid for a week. */
    public byte[] crl() throws SigningException {
        SigningKey key = ca.key();
        Instant now = Instant.now();
        try {
            X509v2CRLBuilder builder = new X509v2CRLBuilder(new JcaX509CertificateHolder(ca.root()).getSubject(),
                    Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(VALIDITY)));
            for (Map.Entry<BigInteger, Instant> e : ca.revocations().entrySet()) {
                builder.addCRLEntry(e.getKey(), Date.from(e.getValue()), CRLReason.unspecified);
            }
            return builder.build(new SigningKeyContentSigner(key, SigningKeyContentSigner.defaultAlgorithm(key)))
                    .getEncoded();
        } catch (Exception e) {
            throw Certificates.failure("cannot make the dev CA's CRL", e);
        }
    }
}
