package io.sealgate.proxy.auth;

import io.sealgate.config.AuthenticationConfig.Mtls.UserFrom;
import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The client certificate of an mTLS connection. The handshake already verified it against the listener's
 * {@code tls.client-ca}; this source checks the chain again against the same CAs (so a listener set up without
 * client verification can never hand it an unverified certificate) and reads the user from the configured field.
 */
final class ClientCertificateSource implements IdentitySource {

    /** The {@code source} recorded in the signature log for client certificates. */
    static final String SOURCE = "mtls";
    private static final int SAN_EMAIL = 1;
    private static final int SAN_URI = 6;

    private final UserFrom userFrom;
    private final Set<TrustAnchor> anchors;

    ClientCertificateSource(UserFrom userFrom, Collection<X509Certificate> clientCas) {
        this.userFrom = userFrom;
        this.anchors = clientCas.stream().map(c -> new TrustAnchor(c, null)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public AuthOutcome authenticate(AuthRequest request) {
        List<X509Certificate> chain = request.clientCertificates();
        if (chain.isEmpty()) {
            return AuthOutcome.ABSENT;
        }
        X509Certificate leaf = chain.get(0);
        String subject = leaf.getSubjectX500Principal().getName();
        if (anchors.isEmpty() || !verifies(chain)) {
            return new AuthOutcome.Refused("invalid_certificate", "client certificate " + subject
                    + ": not issued by a CA of the listener's tls.client-ca");
        }
        Optional<String> user = user(leaf);
        if (user.isEmpty()) {
            return new AuthOutcome.Refused("invalid_certificate", "client certificate " + subject + ": no "
                    + userFrom.yamlName() + " (expected: the field authentication.mtls.user-from names)");
        }
        String fingerprint;
        try {
            fingerprint = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(leaf.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        return new AuthOutcome.Accepted(new Login(user.get(), Set.of(), SOURCE, Optional.empty(), Optional.empty(),
                List.of(), Optional.of(fingerprint), false));
    }

    private boolean verifies(List<X509Certificate> chain) {
        try {
            PKIXParameters parameters = new PKIXParameters(anchors);
            // Revocation of client certificates is the TLS terminator's business (CRLs in client-ca); not fetched here.
            parameters.setRevocationEnabled(false);
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            CertPathValidator.getInstance("PKIX").validate(factory.generateCertPath(chain), parameters);
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private Optional<String> user(X509Certificate leaf) {
        return switch (userFrom) {
            case SUBJECT_CN -> rdn(leaf, "CN");
            case SUBJECT_UID -> rdn(leaf, "UID").or(() -> rdn(leaf, "0.9.2342.19200300.100.1.1"));
            case SAN_EMAIL -> san(leaf, SAN_EMAIL);
            case SAN_URI -> san(leaf, SAN_URI);
        };
    }

    private static Optional<String> rdn(X509Certificate leaf, String type) {
        try {
            LdapName name = new LdapName(leaf.getSubjectX500Principal().getName());
            for (Rdn rdn : name.getRdns()) {
                if (rdn.getType().equalsIgnoreCase(type) && rdn.getValue() instanceof String s && !s.isBlank()) {
                    return Optional.of(s);
                }
            }
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static Optional<String> san(X509Certificate leaf, int kind) {
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names == null) {
                return Optional.empty();
            }
            return names.stream().filter(n -> n.get(0) instanceof Integer i && i == kind)
                    .map(n -> n.get(1)).filter(String.class::isInstance).map(String.class::cast).findFirst();
        } catch (java.security.cert.CertificateParsingException e) {
            return Optional.empty();
        }
    }
}
