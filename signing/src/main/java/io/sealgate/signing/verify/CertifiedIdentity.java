package io.sealgate.signing.verify;

import io.sealgate.policy.Identity;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.security.auth.x500.X500Principal;

/**
 * Reads who a certificate certifies, for the process check ("as certified", docs/process-assurance.md):
 * the user id is the subject's {@code UID}, else its {@code CN}; the organisation is the subject's
 * {@code organizationIdentifier} (2.5.4.97), else its {@code O}; the roles are its {@code OU} values; and the
 * certificate is an organisation seal when its subject has an {@code organizationIdentifier} or its key was issued
 * as a seal ({@code CN} equal to the {@code O}, or ending in {@code e-seal}) and it names no {@code UID}.
 */
final class CertifiedIdentity {

    private static final ASN1ObjectIdentifier ORGANIZATION_IDENTIFIER = new ASN1ObjectIdentifier("2.5.4.97");

    private CertifiedIdentity() {
    }

    static SignerReport report(X509Certificate cert) {
        X500Name subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
        String uid = first(subject, BCStyle.UID);
        String cn = first(subject, BCStyle.CN);
        String orgId = first(subject, ORGANIZATION_IDENTIFIER);
        String o = first(subject, BCStyle.O);
        List<String> roles = new ArrayList<>(all(subject, BCStyle.OU));
        roles.sort(null);
        String organisation = orgId != null ? orgId : o;
        boolean seal = uid == null && (orgId != null
                || cn != null && (cn.equalsIgnoreCase(o) || cn.toLowerCase(java.util.Locale.ROOT).endsWith("e-seal")));
        return new SignerReport(cert.getSubjectX500Principal().getName(X500Principal.RFC2253),
                uid != null ? uid : cn, organisation, roles, seal,
                cert.getIssuerX500Principal().getName(X500Principal.RFC2253), cert.getSerialNumber().toString(16),
                cert.getNotBefore().toInstant().toString(), cert.getNotAfter().toInstant().toString(), sha256(cert));
    }

    /** The policy identity of a signer; empty when the certificate names no user or no organisation. */
    static Optional<Identity> identity(SignerReport signer) {
        if (signer == null || signer.userId() == null || signer.organisation() == null
                || signer.userId().isBlank() || signer.organisation().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Identity(signer.userId(), java.util.Set.copyOf(signer.roles()),
                signer.organisation()));
    }

    static String sha256(X509Certificate cert) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash certificate " + cert.getSubjectX500Principal(), e);
        }
    }

    private static String first(X500Name name, ASN1ObjectIdentifier type) {
        List<String> values = all(name, type);
        return values.isEmpty() ? null : values.get(0);
    }

    private static List<String> all(X500Name name, ASN1ObjectIdentifier type) {
        List<String> out = new ArrayList<>();
        for (RDN rdn : name.getRDNs(type)) {
            for (AttributeTypeAndValue tv : rdn.getTypesAndValues()) {
                if (tv.getType().equals(type)) {
                    ASN1Encodable v = tv.getValue();
                    out.add(v instanceof ASN1String s ? s.getString() : v.toString());
                }
            }
        }
        return out;
    }
}
