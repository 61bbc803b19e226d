package io.sealgate.signing.pades;

import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.TimestampSource;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.ContentSigner;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test PKI made with Bouncy Castle at class-load time, with dates relative to now so it never expires: a root, an
 * issuing CA, end-entity signing keys (EC P-256 or RSA 2048), a TSA, and CRL/OCSP evidence for any chain.
 */
final class TestPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    final KeyPair rootKeys = ec();
    final X509Certificate root;
    final KeyPair caKeys = ec();
    final X509Certificate ca;
    final KeyPair tsaKeys = ec();
    final X509Certificate tsa;

    TestPki() {
        try {
            root = issue("CN=Sealgate Test Root,O=Sealgate Test", rootKeys, null, null, true, null);
            ca = issue("CN=Sealgate Test Issuing CA,O=Sealgate Test", caKeys, root, rootKeys.getPrivate(), true, null);
            tsa = issue("CN=Sealgate Test TSA,O=Sealgate Test", tsaKeys, ca, caKeys.getPrivate(), false,
                    KeyPurposeId.id_kp_timeStamping);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A software key with a certificate from the issuing CA; {@code algorithm} is "EC" or "RSA". */
    SigningKey newSigningKey(String commonName, String algorithm) {
        try {
            KeyPair keys = "EC".equals(algorithm) ? ec() : rsa();
            X509Certificate cert = issue("CN=" + commonName + ",O=Sealgate Test", keys, ca, caKeys.getPrivate(),
                    false, null);
            return new SoftwareKey(commonName, algorithm, keys.getPrivate(), List.of(cert, ca, root));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** An RFC 3161 TSA over {@link #tsa}, carrying its chain in every token. */
    TimestampSource timestampSource() {
        return digest -> {
            try {
                ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(tsaKeys.getPrivate());
                TimeStampTokenGenerator gen = new TimeStampTokenGenerator(
                        new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                                .build(signer, tsa),
                        new JcaDigestCalculatorProviderBuilder().build().get(
                                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
                        new ASN1ObjectIdentifier("1.2.3.4.1"));
                gen.addCertificates(new org.bouncycastle.cert.jcajce.JcaCertStore(List.of(tsa, ca, root)));
                TimeStampRequestGenerator req = new TimeStampRequestGenerator();
                req.setCertReq(true);
                return gen.generate(req.generate(NISTObjectIdentifiers.id_sha256, digest),
                        BigInteger.valueOf(SERIAL.incrementAndGet()), new Date()).getEncoded();
            } catch (Exception e) {
                throw new SigningException("test TSA failed: " + e, e);
            }
        };
    }

    /** CRLs, fresh at each call, from every issuer in the chain. */
    RevocationSource crlSource() {
        return chain -> {
            List<byte[]> crls = new ArrayList<>();
            for (X509Certificate c : chain) {
                if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                    byte[] crl = crl(c.getIssuerX500Principal().equals(root.getSubjectX500Principal())
                            ? root : ca);
                    if (crls.stream().noneMatch(x -> java.util.Arrays.equals(x, crl))) {
                        crls.add(crl);
                    }
                }
            }
            return new RevocationSource.RevocationData(List.of(), crls);
        };
    }

    /** OCSP responses signed by the issuer itself (no delegated responder), one per certificate. */
    RevocationSource ocspSource() {
        return chain -> {
            List<byte[]> responses = new ArrayList<>();
            for (X509Certificate c : chain) {
                if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                    responses.add(ocsp(c));
                }
            }
            return new RevocationSource.RevocationData(responses, List.of());
        };
    }

    byte[] crl(X509Certificate issuer) {
        try {
            PrivateKey key = issuer.equals(root) ? rootKeys.getPrivate() : caKeys.getPrivate();
            Date now = new Date();
            X509v2CRLBuilder b = new X509v2CRLBuilder(new JcaX509CertificateHolder(issuer).getSubject(), now);
            b.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(7))));
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
            return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] ocsp(X509Certificate cert) {
        try {
            X509Certificate issuer = cert.getIssuerX500Principal().equals(root.getSubjectX500Principal()) ? root : ca;
            PrivateKey key = issuer.equals(root) ? rootKeys.getPrivate() : caKeys.getPrivate();
            CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build()
                    .get(CertificateID.HASH_SHA1), new JcaX509CertificateHolder(issuer), cert.getSerialNumber());
            BasicOCSPRespBuilder b = new BasicOCSPRespBuilder(new RespID(
                    new JcaX509CertificateHolder(issuer).getSubject()));
            Date now = new Date();
            b.addResponse(id, CertificateStatus.GOOD, now, Date.from(Instant.now().plus(Duration.ofDays(1))));
            var basic = b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key),
                    new X509CertificateHolder[] {new JcaX509CertificateHolder(issuer)}, now);
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate issue(String dn, KeyPair subject, X509Certificate issuer, PrivateKey issuerKey,
                                         boolean isCa, KeyPurposeId eku) throws Exception {
        X500Name subjectName = new X500Name(dn);
        X500Name issuerName = issuer == null ? subjectName : new JcaX509CertificateHolder(issuer).getSubject();
        Instant now = Instant.now();
        X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                BigInteger.valueOf(SERIAL.incrementAndGet()), Date.from(now.minus(Duration.ofDays(1))),
                Date.from(now.plus(Duration.ofDays(isCa ? 3650 : 365))), subjectName, subject.getPublic());
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
            b.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
        }
        PrivateKey signWith = issuerKey == null ? subject.getPrivate() : issuerKey;
        String alg = signWith.getAlgorithm().startsWith("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(alg).build(signWith)));
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

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A {@link SigningKey} whose private key is in memory: the test stand-in for a token key. */
    record SoftwareKey(String label, String keyAlgorithm, PrivateKey key, List<X509Certificate> certificateChain)
            implements SigningKey {
        @Override
        public byte[] sign(String jcaSignatureAlgorithm, byte[] dataToBeSigned) throws SigningException {
            try {
                Signature s = Signature.getInstance(jcaSignatureAlgorithm);
                s.initSign(key);
                s.update(dataToBeSigned);
                return s.sign();
            } catch (Exception e) {
                throw new SigningException("software key failed: " + e, e);
            }
        }
    }
}
