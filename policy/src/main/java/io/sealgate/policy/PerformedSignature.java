package io.sealgate.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One signature of a document's chain, as the signing module or the verifier established it. The chain is the list
 * of these in document order (PDF: revision order; CAdES: signing order), the creator's first.
 *
 * @param signer              who signed, as certified: user id, organisation and roles from the certificate
 * @param organisationSeal    whether the certificate is an organisation seal (not a person's)
 * @param claimedStep         the step id in the signature's signed attribute; empty when the attribute is missing
 * @param signingTime         when it was signed (timestamp if there is one, else the signing-time attribute)
 * @param revision            the 0-based index of the document revision the signature covers
 * @param coversWholeRevision whether the signature covers that whole revision (PDF: the byte range spans it)
 */
public record PerformedSignature(
        Identity signer,
        boolean organisationSeal,
        Optional<String> claimedStep,
        Instant signingTime,
        int revision,
        boolean coversWholeRevision) {

    public PerformedSignature {
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(claimedStep, "claimedStep");
        Objects.requireNonNull(signingTime, "signingTime");
        if (revision < 0) {
            throw new IllegalArgumentException("revision: " + revision + " (expected: at least 0)");
        }
    }

    /** A person's signature claiming {@code step}, covering the whole of {@code revision}. */
    public static PerformedSignature byPerson(Identity signer, String step, Instant signingTime, int revision) {
        return new PerformedSignature(signer, false, Optional.of(step), signingTime, revision, true);
    }

    /** The organisation seal claiming {@code step}, covering the whole of {@code revision}. */
    public static PerformedSignature bySeal(Identity seal, String step, Instant signingTime, int revision) {
        return new PerformedSignature(seal, true, Optional.of(step), signingTime, revision, true);
    }

    /** {@code bob (acme)} or {@code the organisation seal of acme}. */
    String describeSigner() {
        return organisationSeal ? "the organisation seal of " + signer.organisation() : signer.describe();
    }
}
