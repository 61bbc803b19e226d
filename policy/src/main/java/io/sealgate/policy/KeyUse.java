package io.sealgate.policy;

import java.util.Objects;

/**
 * One intended use of a token key: who wants to sign, with which key, and why. The key vault builds one before every
 * signature and hands it to {@link KeyUsageGuard#check}.
 *
 * @param identity the authenticated user id on whose behalf the signature is made (for infrastructure keys such as
 *                 the dev CA: {@link #SYSTEM})
 * @param keyLabel the label of the key in the token (a user id, or the organisation seal's label)
 * @param purpose  what the signature is for, for messages and audit, e.g. {@code "po-17.pdf, step approve"}
 */
public record KeyUse(String identity, String keyLabel, String purpose) {

    /** Identity of signatures Sealgate makes for itself (certificates, CRLs, OCSP responses, timestamps). */
    public static final String SYSTEM = "sealgate";

    public KeyUse {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(keyLabel, "keyLabel");
        Objects.requireNonNull(purpose, "purpose");
    }

    /** A user signing with the key that carries the user's own id as its label: the common case. */
    public static KeyUse ownKey(String userId, String purpose) {
        return new KeyUse(userId, userId, purpose);
    }
}
