package io.sealgate.signing.log;

import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** An in-memory P-256 key with a self-signed certificate, standing in for the log's PKCS#11 key in tests. */
final class SoftwareSigningKey implements SigningKey {
    private final String label;
    private final KeyPair keyPair;
    private final X509Certificate certificate;

    private SoftwareSigningKey(String label, KeyPair keyPair, X509Certificate certificate) {
        this.label = label;
        this.keyPair = keyPair;
        this.certificate = certificate;
    }

    static SoftwareSigningKey generate(String label) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keyPair = generator.generateKeyPair();
            X500Name name = new X500Name("CN=" + label);
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(365))), name,
                    keyPair.getPublic());
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(keyPair.getPrivate())));
            return new SoftwareSigningKey(label, keyPair, certificate);
        } catch (Exception e) {
            throw new IllegalStateException("cannot generate a test key: " + e.getMessage(), e);
        }
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<X509Certificate> certificateChain() {
        return List.of(certificate);
    }

    @Override
    public String keyAlgorithm() {
        return "EC";
    }

    @Override
    public byte[] sign(String jcaSignatureAlgorithm, byte[] dataToBeSigned) throws SigningException {
        try {
            Signature signature = Signature.getInstance(jcaSignatureAlgorithm);
            signature.initSign(keyPair.getPrivate());
            signature.update(dataToBeSigned);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningException("cannot sign with test key " + label + ": " + e.getMessage(), e);
        }
    }
}
