package io.sealgate.signing.keys;

import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;

import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import javax.security.auth.x500.X500Principal;

/**
 * The embedded development CA: a self-signed root whose key lives in the same token, for demos and tests. It issues
 * user, organisation-seal, timestamping and OCSP-signing certificates, so a fresh install signs at every level
 * without an external PKI. Its certificates must not be trusted in production: they only prove possession of this
 * token.
 */
public final class DevCa {

    /** The label of the dev CA's key in the token. */
    public static final String LABEL = "sealgate-dev-ca";

    private static final String REVOKED_PREFIX = LABEL + ".revoked.";
    private static final Duration ROOT_VALIDITY = Duration.ofDays(3650);
    private static final Duration LEAF_VALIDITY = Duration.ofDays(730);

    /** What a certificate is for; fixes its key usage and extended key usage. */
    public enum Profile {
        /** A person's signing key: digitalSignature + nonRepudiation. */
        USER,
        /** The organisation's e-seal: digitalSignature + nonRepudiation, subject O=..., CN=seal name. */
        SEAL,
        /** A TSA: digitalSignature, critical extended key usage timeStamping only (RFC 3161 2.3). */
        TIMESTAMPING,
        /** An OCSP responder: digitalSignature, extended key usage OCSPSigning, id-pkix-ocsp-nocheck. */
        OCSP_SIGNING
    }

    /** Verifies requests; not registered globally, so the JVM's provider order stays as the operator set it. */
    private static final BouncyCastleProvider BC = new BouncyCastleProvider();

    private final KeyVault vault;
    private final X509Certificate root;
    private final URI ocspUri;
    private final URI crlUri;

    private DevCa(KeyVault vault, X509Certificate root, URI ocspUri, URI crlUri) {
        this.vault = vault;
        this.root = root;
        this.ocspUri = ocspUri;
        this.crlUri = crlUri;
    }

    /**
     * This CA, naming an OCSP responder (authority information access) and a CRL distribution point in the
     * certificates it issues from now on, so that verifiers elsewhere can fetch revocation status. Whoever serves
     * those URLs answers with {@code DevCaRevocationSource.respond} and {@code crl}. The URLs are not stored in the
     * token; pass them each time the CA is opened.
     */
    public DevCa publishedAt(URI ocsp, URI crl) {
        return new DevCa(vault, root, ocsp, crl);
    }

    /**
     * Returns the dev CA of this token, creating its key and self-signed root first when there is none.
     *
     * @param subject the root's subject for a new CA, e.g. {@code CN=Sealgate Dev CA, O=Acme}
     */
    public static DevCa initialize(KeyVault vault, X500Principal subject) throws SigningException {
        if (vault.info(LABEL).isEmpty()) {
            KeyInfo pending = vault.enroll(LABEL, KeyAlgorithm.EC_P256, subject);
            SigningKey key = new TokenSigningKey(vault, vault.token(), LABEL, pending.chain(), null, null);
            PublicKey publicKey = pending.certificate().getPublicKey();
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(subject, Certificates.randomSerial(),
                    Date.from(now.minusSeconds(60)), Date.from(now.plus(ROOT_VALIDITY)), subject, publicKey);
            try {
                JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
                builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
                builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(publicKey));
                X509Certificate rootCert = Certificates.toX509(builder.build(
                        new SigningKeyContentSigner(key, KeyAlgorithm.EC_P256.signatureAlgorithm())));
                vault.importCertificate(LABEL, List.of(rootCert));
            } catch (IOException | NoSuchAlgorithmException | RuntimeException e) {
                throw Certificates.failure("cannot create the dev CA root", e);
            }
        }
        return open(vault);
    }

    /** The existing dev CA of this token. */
    public static DevCa open(KeyVault vault) throws SigningException {
        KeyInfo info = vault.info(LABEL).orElseThrow(() -> new SigningException("token '" + vault.tokenLabel()
                + "' has no dev CA (run: sealgate keys init)"));
        if (info.status() != KeyStatus.ENABLED) {
            throw new SigningException("the dev CA in token '" + vault.tokenLabel() + "' is " + info.status());
        }
        return new DevCa(vault, info.certificate(), null, null);
    }

    /** The self-signed root certificate: what verifiers must trust for dev-CA signatures. */
    public X509Certificate root() {
        return root;
    }

    /**
     * Issues a certificate for the vault key {@code label} (subject as enrolled) and stores it with the key.
     *
     * @return the stored chain: the new certificate, then the root
     */
    public List<X509Certificate> certify(String label, Profile profile) throws SigningException {
        X509Certificate issued = issue(vault.csr(label), profile);
        List<X509Certificate> chain = List.of(issued, root);
        vault.importCertificate(label, chain);
        return chain;
    }

    /** Issues a certificate for a PEM PKCS#10 request, after checking the request's own signature. */
    public X509Certificate issue(String csrPem, Profile profile) throws SigningException {
        PKCS10CertificationRequest csr = Certificates.parseCsr(csrPem);
        try {
            var verifiers = new JcaContentVerifierProviderBuilder().setProvider(BC);
            if (!csr.isSignatureValid(verifiers.build(csr.getSubjectPublicKeyInfo()))) {
                throw new SigningException("certificate request for " + csr.getSubject()
                        + " has an invalid signature");
            }
        } catch (PKCSException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new SigningException("cannot check the certificate request for " + csr.getSubject() + ": "
                    + e.getMessage(), e);
        }
        return issue(csr.getSubject(), csr.getSubjectPublicKeyInfo(), profile);
    }

    private X509Certificate issue(org.bouncycastle.asn1.x500.X500Name subject, SubjectPublicKeyInfo publicKey,
                                  Profile profile) throws SigningException {
        SigningKey caKey = vault.systemKey(LABEL);
        Instant now = Instant.now();
        Instant notAfter = now.plus(LEAF_VALIDITY);
        if (notAfter.isAfter(root.getNotAfter().toInstant())) {
            notAfter = root.getNotAfter().toInstant();
        }
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(Certificates.x500(
                root.getSubjectX500Principal()), Certificates.randomSerial(), Date.from(now.minusSeconds(60)),
                Date.from(notAfter), subject, publicKey);
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(root));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    ext.createSubjectKeyIdentifier(publicKey));
            if (ocspUri != null) {
                builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(
                        AccessDescription.id_ad_ocsp, new GeneralName(GeneralName.uniformResourceIdentifier,
                        ocspUri.toString())));
            }
            if (crlUri != null) {
                builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(
                        new DistributionPoint[] {new DistributionPoint(new DistributionPointName(new GeneralNames(
                                new GeneralName(GeneralName.uniformResourceIdentifier, crlUri.toString()))),
                                null, null)}));
            }
            switch (profile) {
                case USER, SEAL -> builder.addExtension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
                case TIMESTAMPING -> {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, true,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_timeStamping));
                }
                case OCSP_SIGNING -> {
                    builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    builder.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
                    builder.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
                }
            }
            return Certificates.toX509(builder.build(
                    new SigningKeyContentSigner(caKey, SigningKeyContentSigner.defaultAlgorithm(caKey))));
        } catch (IOException | NoSuchAlgorithmException | java.security.cert.CertificateEncodingException
                 | RuntimeException e) {
            throw Certificates.failure("cannot issue a certificate for " + subject, e);
        }
    }

    /**
     * Records that the certificate with {@code serial} is revoked as of now (reason unspecified). The record is a
     * marker in the token, so every process sharing the token answers OCSP and CRL requests alike.
     */
    public void revoke(BigInteger serial) throws SigningException {
        if (revocations().containsKey(serial)) {
            return;
        }
        mark(serial, Instant.now());
    }

    /** Serial numbers of the certificates this CA revoked, with the time of revocation. */
    public Map<BigInteger, Instant> revocations() throws SigningException {
        Map<BigInteger, Instant> out = new TreeMap<>();
        for (String marker : vault.markers(REVOKED_PREFIX)) {
            String[] parts = marker.substring(REVOKED_PREFIX.length()).split("\\.");
            out.put(new BigInteger(parts[0], 16), Instant.ofEpochSecond(Long.parseLong(parts[1])));
        }
        return out;
    }

    /** Whether this CA issued {@code certificate} (issuer name and signature match the root). */
    public boolean issued(X509Certificate certificate) {
        if (!certificate.getIssuerX500Principal().equals(root.getSubjectX500Principal())) {
            return false;
        }
        try {
            certificate.verify(root.getPublicKey());
            return true;
        } catch (java.security.GeneralSecurityException e) {
            return false;
        }
    }

    /** The CA's key, for CRLs and OCSP responses. */
    public SigningKey key() throws SigningException {
        return vault.systemKey(LABEL);
    }

    private void mark(BigInteger serial, Instant when) throws SigningException {
        vault.mark(REVOKED_PREFIX + serial.toString(16) + "." + when.getEpochSecond(),
                "revoke certificate " + serial.toString(16));
    }
}
