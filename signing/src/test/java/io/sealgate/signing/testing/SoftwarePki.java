package io.sealgate.signing.testing;

import io.sealgate.fixtures.pki.SigningPki;
import io.sealgate.signing.RevocationSource;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.TimestampSource;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The signing tests' PKI: the shared {@link SigningPki} (root, issuing CA, TSA, dates relative to now) seen through
 * the signing module's types, with software keys, a TSA and CRL/OCSP evidence for any chain.
 *
 * <p>People of organisation {@code acme} ({@link #person}, {@link #seal}) carry subjects that say who they are the
 * way the verifier's certified identity reads them: {@code UID}, {@code O}, {@code OU} roles, the seal as
 * {@code CN=acme e-seal}.
 */
public final class SoftwarePki {

    public final X509Certificate root;
    public final X509Certificate ca;
    public final X509Certificate tsa;
    private final SigningPki pki;
    private final String organisation;

    /** A PKI whose certificates are named {@code CN=<name> Root,O=<organisation>}, {@code ... Issuing CA}, ... TSA. */
    public SoftwarePki(String name, String organisation) {
        this.pki = SigningPki.create(name, organisation);
        this.organisation = organisation;
        this.root = pki.root();
        this.ca = pki.ca();
        this.tsa = pki.tsa();
    }

    /** A key certified as {@code CN=<commonName>,O=<organisation>}; {@code algorithm} is "EC" or "RSA". */
    public SigningKey newSigningKey(String commonName, String algorithm) {
        return new SoftwareSigningKey(pki.issue(commonName, "CN=" + commonName + ",O=" + organisation, algorithm));
    }

    /** A person of acme: {@code UID=user, CN=User, OU=role..., O=acme}. */
    public SigningKey person(String user, String... roles) {
        StringBuilder dn = new StringBuilder("UID=" + user + ",CN=" + user);
        for (String role : roles) {
            dn.append(",OU=").append(role);
        }
        return key(dn.append(",O=acme").toString(), user);
    }

    /** The organisation seal of acme. */
    public SigningKey seal() {
        return key("CN=acme e-seal,O=acme", "acme-seal");
    }

    /** An EC key certified for exactly {@code dn}. */
    public SigningKey key(String dn, String label) {
        return new SoftwareSigningKey(pki.issue(label, dn, "EC"));
    }

    /** An RFC 3161 TSA over {@link #tsa}, carrying its chain in every token. */
    public TimestampSource timestampSource() {
        return digest -> {
            try {
                return pki.timestamp(digest);
            } catch (GeneralSecurityException e) {
                throw new SigningException("test TSA failed: " + e, e);
            }
        };
    }

    /** CRLs, fresh at each call, from every issuer in the chain. */
    public RevocationSource crlSource() {
        return chain -> {
            List<byte[]> crls = new ArrayList<>();
            for (X509Certificate c : chain) {
                if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                    byte[] crl = crl(pki.issuerOf(c));
                    if (crls.stream().noneMatch(x -> Arrays.equals(x, crl))) {
                        crls.add(crl);
                    }
                }
            }
            return new RevocationSource.RevocationData(List.of(), crls);
        };
    }

    /** The root's and the CA's CRLs whatever the chain, listing {@code revoked} as revoked an hour ago. */
    public RevocationSource rootAndCaCrlSource(X509Certificate... revoked) {
        return chain -> new RevocationSource.RevocationData(List.of(), List.of(crl(root, revoked),
                crl(ca, revoked)));
    }

    /** OCSP responses signed by the issuer itself (no delegated responder), one per certificate. */
    public RevocationSource ocspSource() {
        return chain -> {
            List<byte[]> responses = new ArrayList<>();
            for (X509Certificate c : chain) {
                if (!c.getSubjectX500Principal().equals(c.getIssuerX500Principal())) {
                    responses.add(pki.ocsp(c));
                }
            }
            return new RevocationSource.RevocationData(responses, List.of());
        };
    }

    /** A CRL of {@code issuer} (the root or the CA), fresh now, listing {@code revoked} as revoked an hour ago. */
    public byte[] crl(X509Certificate issuer, X509Certificate... revoked) {
        return pki.crl(issuer, revoked);
    }

    /** The root's and the CA's CRLs, nothing revoked. */
    public List<byte[]> crls() {
        List<byte[]> out = new ArrayList<>();
        out.add(crl(root));
        out.add(crl(ca));
        return out;
    }
}
