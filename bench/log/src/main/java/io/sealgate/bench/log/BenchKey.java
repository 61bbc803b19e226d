package io.sealgate.bench.log;

import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A software P-256 key for the benchmark: tree head signing cost without a PKCS#11 round trip. */
final class BenchKey implements SigningKey {
    private final KeyPair keyPair;
    private final X509Certificate certificate;

    BenchKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        keyPair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=bench-log");
        Instant now = Instant.now();
        certificate = new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                BigInteger.ONE, Date.from(now.minus(1, ChronoUnit.DAYS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                name, keyPair.getPublic()).build(new JcaContentSignerBuilder("SHA256withECDSA")
                .build(keyPair.getPrivate())));
    }

    @Override
    public String label() {
        return "bench-log";
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
    public byte[] sign(String algorithm, byte[] data) throws SigningException {
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(keyPair.getPrivate());
            signature.update(data);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new SigningException("bench key: " + e.getMessage(), e);
        }
    }
}
