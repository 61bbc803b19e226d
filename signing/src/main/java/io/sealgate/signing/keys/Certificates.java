package io.sealgate.signing.keys;

import io.sealgate.signing.SealgateAttributes;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import javax.security.auth.x500.X500Principal;

/** Certificate plumbing shared by the vault and the dev CA: placeholders, CSRs, PEM. */
public final class Certificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {
    }

    /** A positive 128-bit random serial number (CA/B Forum asks for at least 64 bits of entropy). */
    public static BigInteger randomSerial() {
        return new BigInteger(128, RANDOM).setBit(127);
    }

    /**
     * The self-signed certificate a key carries between enrolment and certification: PKCS#11 key stores keep a key
     * only with a certificate. It is marked with {@link SealgateAttributes#ENROLMENT_PLACEHOLDER}; the vault
     * refuses to sign with a key that still has it.
     */
    static X509Certificate placeholder(SigningKey key, PublicKey publicKey, X500Principal subject, String algorithm)
            throws SigningException {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(subject, randomSerial(), Date.from(now.minusSeconds(60)),
                Date.from(now.plus(Duration.ofDays(365))), subject, publicKey);
        try {
            builder.addExtension(new ASN1ObjectIdentifier(SealgateAttributes.ENROLMENT_PLACEHOLDER), false,
                    DERNull.INSTANCE);
            return toX509(builder.build(new SigningKeyContentSigner(key, algorithm)));
        } catch (IOException | RuntimeException e) {
            throw failure("cannot create the placeholder certificate for key '" + key.label() + "'", e);
        }
    }

    static boolean isPlaceholder(X509Certificate certificate) {
        return certificate.getNonCriticalExtensionOIDs() != null
                && certificate.getNonCriticalExtensionOIDs().contains(SealgateAttributes.ENROLMENT_PLACEHOLDER);
    }

    /** A PKCS#10 request for the key's public key and subject, signed inside the token. */
    static PKCS10CertificationRequest csr(SigningKey key, X500Principal subject, PublicKey publicKey,
                                          String algorithm) throws SigningException {
        try {
            return new JcaPKCS10CertificationRequestBuilder(subject, publicKey)
                    .build(new SigningKeyContentSigner(key, algorithm));
        } catch (RuntimeException e) {
            throw failure("cannot create a certificate request for key '" + key.label() + "'", e);
        }
    }

    public static X509Certificate toX509(X509CertificateHolder holder) throws SigningException {
        try {
            return new JcaX509CertificateConverter().getCertificate(holder);
        } catch (CertificateException e) {
            throw new SigningException("cannot decode certificate " + holder.getSubject() + ": " + e.getMessage(), e);
        }
    }

    /** PEM text of certificates, CSRs, CRLs (anything Bouncy Castle's PEM writer knows). */
    public static String pem(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object o : objects) {
                writer.writeObject(o);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write PEM to memory", e);
        }
        return out.toString();
    }

    /** Every certificate in PEM or DER {@code data}, in order. */
    public static List<X509Certificate> parseCertificates(byte[] data) throws SigningException {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> out = new ArrayList<>();
            for (var c : factory.generateCertificates(new ByteArrayInputStream(data))) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new SigningException("no certificate found (expected: PEM or DER X.509 certificates)");
            }
            return out;
        } catch (CertificateException e) {
            throw new SigningException("cannot read certificates: " + e.getMessage(), e);
        }
    }

    /** Parses a PEM {@code CERTIFICATE REQUEST}. */
    public static PKCS10CertificationRequest parseCsr(String pem) throws SigningException {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            if (o instanceof PKCS10CertificationRequest csr) {
                return csr;
            }
            throw new SigningException("no certificate request found (expected: PEM CERTIFICATE REQUEST)");
        } catch (IOException e) {
            throw new SigningException("cannot read certificate request: " + e.getMessage(), e);
        }
    }

    static X500Name x500(X500Principal principal) {
        return X500Name.getInstance(principal.getEncoded());
    }

    /** The token's own {@link SigningException} when {@code e} carries one, else {@code "<what>: <message>"}. */
    public static SigningException failure(String what, Throwable e) {
        SigningException inner = SigningKeyContentSigner.unwrap(e);
        if (inner != null) {
            return inner;
        }
        return new SigningException(what + ": " + e.getMessage(), e);
    }
}
