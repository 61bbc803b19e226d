package io.sealgate.signing.verify;

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
import org.bouncycastle.cert.X509v3CertificateBuilder;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A test PKI made at class-load time with dates relative to now: a root, an issuing CA, a TSA, and people of
 * organisation {@code acme} whose subjects say who they are the way {@link CertifiedIdentity} reads them
 * ({@code UID}, {@code O}, {@code OU} roles; the seal as {@code CN=acme e-seal}).
 */
final class VerifyPki {

    private static final AtomicLong SERIAL = new AtomicLong(System.currentTimeMillis());

    final KeyPair rootKeys = ec();
    final X509Certificate root;
    final KeyPair caKeys = ec();
    final X509Certificate ca;
    final KeyPair tsaKeys = ec();
    final X509Certificate tsa;

    VerifyPki(String name) {
        try {
            root = issue("CN=" + name + " Root,O=Test", rootKeys, null, null, true, null);
            ca = issue("CN=" + name + " Issuing CA,O=Test", caKeys, root, rootKeys.getPrivate(), true, null);
            tsa = issue("CN=" + name + " TSA,O=Test", tsaKeys, ca, caKeys.getPrivate(), false,
                    KeyPurposeId.id_kp_timeStamping);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A person of acme: {@code UID=user, CN=User, OU=role..., O=acme}. */
    SigningKey person(String user, String... roles) {
        StringBuilder dn = new StringBuilder("UID=" + user + ",CN=" + user);
        for (String role : roles) {
            dn.append(",OU=").append(role);
        }
        return key(dn.append(",O=acme").toString(), user);
    }

    /** The organisation seal of acme. */
    SigningKey seal() {
        return key("CN=acme e-seal,O=acme", "acme-seal");
    }

    SigningKey key(String dn, String label) {
        try {
            KeyPair keys = ec();
            X509Certificate cert = issue(dn, keys, ca, caKeys.getPrivate(), false, null);
            return new SoftwareKey(label, "EC", keys.getPrivate(), List.of(cert, ca, root));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    TimestampSource timestampSource() {
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
                throw new SigningException("test TSA failed: " + e, e);
            }
        };
    }

    /** CRLs of the root and the CA, listing {@code revoked} certificates as revoked an hour ago. */
    RevocationSource crlSource(X509Certificate... revoked) {
        return chain -> new RevocationSource.RevocationData(List.of(), List.of(crl(root, revoked),
                crl(ca, revoked)));
    }

    byte[] crl(X509Certificate issuer, X509Certificate... revoked) {
        try {
            PrivateKey key = issuer.equals(root) ? rootKeys.getPrivate() : caKeys.getPrivate();
            Date now = new Date();
            X509v2CRLBuilder b = new X509v2CRLBuilder(new JcaX509CertificateHolder(issuer).getSubject(), now);
            b.setNextUpdate(Date.from(Instant.now().plus(Duration.ofDays(7))));
            for (X509Certificate r : revoked) {
                if (r.getIssuerX500Principal().equals(issuer.getSubjectX500Principal())) {
                    b.addCRLEntry(r.getSerialNumber(), Date.from(Instant.now().minus(Duration.ofHours(1))), 0);
                }
            }
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(issuer));
            return b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key)).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<byte[]> crls() {
        List<byte[]> out = new ArrayList<>();
        out.add(crl(root));
        out.add(crl(ca));
        return out;
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

    /** A {@link SigningKey} whose private key is in memory. */
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
