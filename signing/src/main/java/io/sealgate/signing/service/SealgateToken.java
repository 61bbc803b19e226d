package io.sealgate.signing.service;

import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyAlgorithm;
import io.sealgate.signing.keys.KeyInfo;
import io.sealgate.signing.keys.KeyStatus;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.tsa.EmbeddedTsa;

import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import javax.security.auth.x500.X500Principal;

/**
 * Brings a token to what {@link SigningService} needs, for {@code sealgate keys init} and the demo: the dev CA, the
 * embedded TSA, the signature log key ({@value ServiceResources#LOG_KEY}) and the organisation seal key, each
 * created only when missing; and users enrolled with certificates from the dev CA. Every step is idempotent:
 * running it again changes nothing that exists.
 *
 * <p>Certificate subjects carry what the verifier reads back ("as certified", docs/process-assurance.md): a user's
 * {@code UID} and {@code CN} are the user id, {@code O} the organisation, one {@code OU} per role; the seal's
 * {@code CN} is {@code "<organisation> e-seal"} and {@code O} the organisation.
 */
public final class SealgateToken {

    private final KeyVault vault;
    private final DevCa ca;
    private final String organisation;

    private SealgateToken(KeyVault vault, DevCa ca, String organisation) {
        this.vault = vault;
        this.ca = ca;
        this.organisation = organisation;
    }

    /**
     * Creates what is missing of the dev CA, the embedded TSA, the log key and the seal key labelled
     * {@code sealKeyLabel}, and returns a helper for enrolling users.
     */
    public static SealgateToken initialize(KeyVault vault, String organisation, String sealKeyLabel)
            throws SigningException {
        DevCa ca = DevCa.initialize(vault, principal(b -> b.addRDN(BCStyle.CN, "Sealgate Dev CA")
                .addRDN(BCStyle.O, organisation)));
        EmbeddedTsa.initialize(vault, ca, organisation);
        SealgateToken token = new SealgateToken(vault, ca, organisation);
        token.ensure(ServiceResources.LOG_KEY, principal(b -> b.addRDN(BCStyle.CN, "Sealgate signature log")
                .addRDN(BCStyle.O, organisation)), DevCa.Profile.SEAL);
        token.ensure(sealKeyLabel, principal(b -> b.addRDN(BCStyle.CN, organisation + " e-seal")
                .addRDN(BCStyle.O, organisation)), DevCa.Profile.SEAL);
        return token;
    }

    /** The dev CA: the trust anchor of everything this token signs. */
    public DevCa devCa() {
        return ca;
    }

    /**
     * Enrols {@code userId} under {@code keyLabel} with a dev CA certificate naming the user, this organisation and
     * {@code roles}. An existing key is kept as it is (its certificate included); a key still waiting for its
     * certificate gets one.
     *
     * @return the key as it is now
     */
    public KeyInfo enrolUser(String userId, String keyLabel, Set<String> roles) throws SigningException {
        return ensure(keyLabel, principal(b -> {
            b.addRDN(BCStyle.UID, userId).addRDN(BCStyle.CN, userId).addRDN(BCStyle.O, organisation);
            for (String role : new TreeSet<>(roles)) {
                b.addRDN(BCStyle.OU, role);
            }
            return b;
        }), DevCa.Profile.USER);
    }

    private KeyInfo ensure(String label, X500Principal subject, DevCa.Profile profile) throws SigningException {
        Optional<KeyInfo> info = vault.info(label);
        if (info.isEmpty()) {
            vault.enroll(label, KeyAlgorithm.EC_P256, subject);
            info = vault.info(label);
        }
        if (info.orElseThrow().status() == KeyStatus.PENDING) {
            ca.certify(label, profile);
            info = vault.info(label);
        }
        return info.orElseThrow();
    }

    private static X500Principal principal(Names names) {
        X500NameBuilder builder = names.add(new X500NameBuilder(BCStyle.INSTANCE));
        try {
            return new X500Principal(builder.build().getEncoded());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot encode a certificate subject: " + e.getMessage(), e);
        }
    }

    /** Adds the RDNs of one subject. */
    @FunctionalInterface
    private interface Names {
        X500NameBuilder add(X500NameBuilder builder);
    }
}
