package io.sealgate.bench.verify;

import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.TimestampSource;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** An in-memory PKI for the benchmark: root, issuing CA, TSA, signers (EC P-256), and the two CRLs. */
final class BenchPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    final KeyPair rootKeys = ec();
    final X509Certificate root;
    final KeyPair caKeys = ec();
    final X509Certificate ca;
    final KeyPair tsaKeys = ec();
    final X509Certificate tsa;
    final byte[] rootCrl;
    final byte[] caCrl;

    BenchPki() throws Exception {
        root = issue("CN=Bench Root,O=Bench", rootKeys, null, null, true, null);
        ca = issue("CN=Bench Issuing CA,O=Bench", caKeys, root, rootKeys.getPrivate(), true, null);
        tsa = issue("CN=Bench TSA,O=Bench", tsaKeys, ca, caKeys.getPrivate(), false, KeyPurposeId.id_kp_timeStamping);
        rootCrl = crl(root, rootKeys.getPrivate());
        caCrl = crl(ca, caKeys.getPrivate());
    }

    SigningKey signer(String user) throws Exception {
        KeyPair keys = ec();
        X509Certificate cert = issue("UID=" + user + ",CN=" + user + ",O=bench", keys, ca, caKeys.getPrivate(), false,
                null);
        PrivateKey key = keys.getPrivate();
        List<X509Certificate> chain = List.of(cert, ca, root);
        return new SigningKey() {
            @Override
            public String label() {
                return user;
            }

            @Override
            public List<X509Certificate> certificateChain() {
                return chain;
            }

            @Override
            public String keyAlgorithm() {
                return "EC";
            }

            @Override
            public byte[] sign(String algorithm, byte[] data) throws SigningException {
                try {
                    Signature s = Signature.getInstance(algorithm);
                    s.initSign(key);
                    s.update(data);
                    return s.sign();
                } catch (Exception e) {
                    throw new SigningException("bench key failed: " + e, e);
                }
            }
        };
    }

    TimestampSource timestamps() {
        return digest -> {
            try {
                TimeStampTokenGenerator gen = new TimeStampTokenGenerator(
                        new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(tsaKeys.getPrivate()),
                                        tsa),
                        new JcaDigestCalculatorProviderBuilder().build()
                                .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                        new ASN1ObjectIdentifier("1.2.3.4.1"));
                gen.addCertificates(new JcaCertStore(List.of(tsa, ca, root)));
                TimeStampRequestGenerator req = new TimeStampRequestGenerator();
                req.setCertReq(true);
                return gen.generate(req.generate(NISTObjectIdentifiers.id_sha256, digest),
                        BigInteger.valueOf(SERIAL.incrementAndGet()), new Date()).getEncoded();
            } catch (Exception e) {
                throw new SigningException("bench TSA failed: " + e, e);
            }
        };
    }

    RevocationSource crls() {
        return chain -> new RevocationSource.RevocationData(List.of(), List.of(rootCrl, caCrl));
    }

    private static byte[] crl(X509Certificate issuer, PrivateKey key) throws Exception {
        Date now = new Date();
        X509v2CRLBuilder b = new X509v2CRLBuilder(new JcaX509CertificateHolder(issuer).getSubject(), now);
        b.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(7))));
        b.addExtension(Extension.authorityKeyIdentifier, false,
                new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
        return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)).getEncoded();
    }

    private static X509Certificate issue(String dn, KeyPair subject, X509Certificate issuer, PrivateKey issuerKey,
                                         boolean isCa, KeyPurposeId eku) throws Exception {
        X500Name subjectName = new X500Name(dn);
        X500Name issuerName = issuer == null ? subjectName : new JcaX509CertificateHolder(issuer).getSubject();
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(issuerName, BigInteger.valueOf(SERIAL.incrementAndGet()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(isCa ? 3650 : 365))),
                subjectName, subject.getPublic());
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        b.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(subject.getPublic()));
        if (issuer != null) {
            b.addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(issuer));
        }
        if (isCa) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        } else if (eku != null) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            b.addExtension(Extension.extendedKeyUsage, true, new ExtendedKeyUsage(eku));
        } else {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        }
        PrivateKey signWith = issuerKey == null ? subject.getPrivate() : issuerKey;
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signWith)));
    }

    private static KeyPair ec() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
