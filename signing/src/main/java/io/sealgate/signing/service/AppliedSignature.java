package io.sealgate.signing.service;

import java.util.Objects;
import java.util.Optional;

/**
 * One signature the service made.
 *
 * @param signer   the user id, or the organisation id for the organisation seal
 * @param keyLabel the key's label in the token
 * @param step     the process step it performs; empty without a process
 * @param logIndex the index of its entry in the signature log (also embedded in the signature, see
 *                 {@link io.sealgate.signing.SealgateAttributes#LOG_ENTRY_INDEX})
 */
public record AppliedSignature(String signer, String keyLabel, Optional<String> step, long logIndex) {
    public AppliedSignature {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(keyLabel, "keyLabel");
        Objects.requireNonNull(step, "step");
    }
}
