package io.sealgate.signing.revocation;

import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningUnavailableException;

import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects revocation evidence over HTTP: an OCSP response from the responder in each certificate's authority
 * information access (with a nonce, RFC 6960), or, when a certificate names no responder or the responder does not
 * answer, a CRL from its distribution points. Evidence is kept only after it was checked: signed by the issuer (or,
 * for OCSP, a responder it authorised), fresh, and about this certificate. A revoked certificate stops the signature
 * with a {@link SigningException} that says so.
 *
 * <p>Each certificate of the chain but the root is checked against the next one, its issuer. Thread-safe.
 */
public final class OnlineRevocationSource implements RevocationSource {

    private static final SecureRandom NONCES = new SecureRandom();

    private final HttpClient http;
    private final Duration timeout;

    public OnlineRevocationSource(Duration timeout) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    public OnlineRevocationSource() {
        this(Duration.ofSeconds(10));
    }

    @Override
    public RevocationData collect(List<X509Certificate> chain) throws SigningException {
        List<byte[]> ocsp = new ArrayList<>();
        List<byte[]> crls = new ArrayList<>();
        for (int i = 0; i < chain.size(); i++) {
            X509Certificate certificate = chain.get(i);
            if (isSelfSigned(certificate)) {
                continue;
            }
            if (i + 1 >= chain.size()) {
                throw new SigningException("cannot check revocation of " + OcspChecks.describe(certificate)
                        + ": its issuer is missing from the chain");
            }
            collectOne(certificate, chain.get(i + 1), ocsp, crls);
        }
        return new RevocationData(ocsp, crls);
    }

    /** Evidence for one certificate: OCSP first, CRL when no responder answers. */
    void collectOne(X509Certificate certificate, X509Certificate issuer, List<byte[]> ocsp, List<byte[]> crls)
            throws SigningException {
        List<URI> responders = CertificateUrls.ocsp(certificate);
        List<URI> crlUrls = CertificateUrls.crl(certificate);
        if (responders.isEmpty() && crlUrls.isEmpty()) {
            throw new SigningException("cannot check revocation of " + OcspChecks.describe(certificate)
                    + ": it names no OCSP responder and no CRL distribution point");
        }
        SigningUnavailableException lastFailure = null;
        for (URI responder : responders) {
            try {
                ocsp.add(ocsp(certificate, issuer, responder));
                return;
            } catch (SigningUnavailableException e) {
                lastFailure = e;
            }
        }
        for (URI url : crlUrls) {
            try {
                crls.add(crl(certificate, issuer, url));
                return;
            } catch (SigningUnavailableException e) {
                lastFailure = e;
            }
        }
        throw lastFailure;
    }

    private byte[] ocsp(X509Certificate certificate, X509Certificate issuer, URI responder) throws SigningException {
        try {
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().setProvider(OcspChecks.BC)
                    .build().get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer),
                    certificate.getSerialNumber());
            byte[] nonce = new byte[16];
            NONCES.nextBytes(nonce);
            byte[] nonceValue = new DEROctetString(nonce).getEncoded();
            OCSPReq request = new OCSPReqBuilder().addRequest(id)
                    .setRequestExtensions(new Extensions(new Extension(OCSPObjectIdentifiers.id_pkix_ocsp_nonce,
                            false, new DEROctetString(nonceValue))))
                    .build();
            byte[] body = post(responder, "application/ocsp-request", request.getEncoded());
            OCSPResp response = new OCSPResp(body);
            switch (response.getStatus()) {
                case OCSPResp.SUCCESSFUL -> { }
                case OCSPResp.TRY_LATER, OCSPResp.INTERNAL_ERROR -> throw new SigningUnavailableException(
                        "OCSP responder " + responder + " cannot answer now (status " + response.getStatus() + ")");
                default -> throw new SigningException("OCSP responder " + responder + " refused the request for "
                        + OcspChecks.describe(certificate) + " (status " + response.getStatus() + ")");
            }
            BasicOCSPResp basic = (BasicOCSPResp) response.getResponseObject();
            OcspChecks.check(basic, id, nonceValue, certificate, issuer, responder.toString());
            return response.getEncoded();
        } catch (SigningException e) {
            throw e;
        } catch (Exception e) {
            throw new SigningException("cannot read the OCSP response from " + responder + " for "
                    + OcspChecks.describe(certificate) + ": " + e.getMessage(), e);
        }
    }

    private byte[] crl(X509Certificate certificate, X509Certificate issuer, URI url) throws SigningException {
        byte[] body = get(url);
        X509CRL crl;
        try {
            crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new java.io.ByteArrayInputStream(body));
            crl.verify(issuer.getPublicKey());
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new SigningException("CRL from " + url + " for " + OcspChecks.describe(certificate)
                    + " is not a CRL signed by its issuer: " + e.getMessage(), e);
        }
        CrlChecks.check(crl, certificate, url.toString());
        return body;
    }

    private byte[] post(URI uri, String contentType, byte[] body) throws SigningException {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), "OCSP responder");
    }

    private byte[] get(URI uri) throws SigningException {
        return send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), "CRL distribution point");
    }

    private byte[] send(HttpRequest request, String what) throws SigningException {
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new SigningUnavailableException(what + " " + request.uri() + " answered HTTP "
                        + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new SigningUnavailableException(what + " " + request.uri() + " is unreachable ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningUnavailableException("interrupted while waiting for " + what + " " + request.uri(), e);
        }
    }

    static boolean isSelfSigned(X509Certificate certificate) {
        if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
            return false;
        }
        try {
            certificate.verify(certificate.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
