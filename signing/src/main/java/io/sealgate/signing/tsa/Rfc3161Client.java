package io.sealgate.signing.tsa;

import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningUnavailableException;
import io.sealgate.signing.TimestampSource;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.SignerId;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TSPUtil;
import org.bouncycastle.tsp.TSPValidationException;
import org.bouncycastle.tsp.TimeStampRequest;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;

/**
 * An RFC 3161 client: POSTs an {@code application/timestamp-query} (SHA-256 imprint, a random 64-bit nonce,
 * {@code certReq}) and accepts the reply only when the status is granted, the imprint and nonce are ours, the token's
 * signature verifies with the certificate it names, and that certificate carries the critical extended key usage
 * timeStamping and nothing else (RFC 3161 2.3). Whether the TSA is trusted is the verifier's question, not this
 * client's: it checks that the token is well formed and answers our request.
 *
 * <p>Thread-safe; one {@link HttpClient} is shared by all calls.
 */
public final class Rfc3161Client implements TimestampSource {

    private static final BouncyCastleProvider BC = new BouncyCastleProvider();
    private static final SecureRandom NONCES = new SecureRandom();

    private final URI uri;
    private final Duration timeout;
    private final ASN1ObjectIdentifier policy;
    private final HttpClient http;

    /**
     * @param uri     the TSA's URL
     * @param timeout bound on connecting and on waiting for the reply
     * @param policy  the TSA policy OID to request, or {@code null} for the TSA's default
     */
    public Rfc3161Client(URI uri, Duration timeout, String policy) {
        this.uri = uri;
        this.timeout = timeout;
        this.policy = policy == null ? null : new ASN1ObjectIdentifier(policy);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public Rfc3161Client(URI uri) {
        this(uri, Duration.ofSeconds(10), null);
    }

    @Override
    public byte[] timestamp(byte[] sha256Digest) throws SigningException {
        TimeStampRequestGenerator generator = new TimeStampRequestGenerator();
        generator.setCertReq(true);
        if (policy != null) {
            generator.setReqPolicy(policy);
        }
        TimeStampRequest request = generator.generate(TSPAlgorithms.SHA256, sha256Digest,
                new BigInteger(64, NONCES));
        byte[] reply = post(request);
        TimeStampResponse response;
        try {
            response = new TimeStampResponse(reply);
        } catch (TSPException | IOException | RuntimeException e) {
            throw new SigningException("timestamp authority " + uri + " sent a reply that is not an RFC 3161 "
                    + "TimeStampResp: " + e.getMessage(), e);
        }
        return check(request, response, uri.toString());
    }

    /**
     * Checks {@code response} against {@code request} (status, imprint, nonce, signature, timeStamping EKU) and
     * returns its token, DER-encoded.
     */
    static byte[] check(TimeStampRequest request, TimeStampResponse response, String source)
            throws SigningException {
        if (response.getStatus() > 1) { // granted (0) and grantedWithMods (1) carry a token
            throw new SigningException("timestamp authority " + source + " refused the request: status "
                    + response.getStatus() + (response.getStatusString() == null ? ""
                    : " (" + response.getStatusString() + ")"));
        }
        try {
            response.validate(request);
            TimeStampToken token = response.getTimeStampToken();
            SignerId signer = token.getSID();
            @SuppressWarnings("unchecked")
            Collection<X509CertificateHolder> matches = token.getCertificates().getMatches(signer);
            if (matches.isEmpty()) {
                throw new SigningException("timestamp authority " + source
                        + " sent a token without its signing certificate");
            }
            X509CertificateHolder certificate = matches.iterator().next();
            TSPUtil.validateCertificate(certificate);
            token.validate(new JcaSimpleSignerInfoVerifierBuilder().setProvider(BC).build(certificate));
            return token.getEncoded();
        } catch (TSPValidationException e) {
            throw new SigningException("timestamp authority " + source + " sent an invalid reply: "
                    + e.getMessage(), e);
        } catch (TSPException | org.bouncycastle.operator.OperatorCreationException
                 | java.security.cert.CertificateException | IOException e) {
            throw new SigningException("cannot check the reply of timestamp authority " + source + ": "
                    + e.getMessage(), e);
        }
    }

    private byte[] post(TimeStampRequest request) throws SigningException {
        try {
            HttpRequest httpRequest = HttpRequest.newBuilder(uri).timeout(timeout)
                    .header("Content-Type", "application/timestamp-query")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(request.getEncoded())).build();
            HttpResponse<byte[]> reply = http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
            if (reply.statusCode() != 200) {
                throw new SigningUnavailableException("timestamp authority " + uri + " answered HTTP "
                        + reply.statusCode());
            }
            return reply.body();
        } catch (IOException e) {
            throw new SigningUnavailableException("timestamp authority " + uri + " is unreachable ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SigningUnavailableException("interrupted while waiting for timestamp authority " + uri, e);
        }
    }

    @Override
    public String toString() {
        return "Rfc3161Client[" + uri + "]";
    }
}
