package io.sealgate.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a document's signature chain follows its process, as {@link ProcessChecker#check} found it.
 *
 * @param status       followed and complete, followed so far, or violated
 * @param pendingSteps the ids of the steps still to perform, in order, the seal's id last when it is due; empty
 *                     when complete. For a violated chain: what would be pending if the bad signatures were absent
 * @param violations   one sentence per broken rule, in chain order; empty unless {@link Status#VIOLATED}
 * @param dueSeal      the organisation seal the chain waits for: a seal step that is now the open step, or the
 *                     process's final seal once every step is complete. The Sealgate of that organisation applies it
 *                     now; empty while a person's step is open, when complete, and when violated
 * @param summary      one sentence for people, e.g. {@code process purchase-order v3 was followed so far (pending:
 *                     legal, seal)}
 */
public record ChainVerdict(
        Status status, List<String> pendingSteps, List<String> violations, Optional<DueSeal> dueSeal, String summary) {

    public ChainVerdict {
        Objects.requireNonNull(status, "status");
        pendingSteps = List.copyOf(pendingSteps);
        violations = List.copyOf(violations);
        Objects.requireNonNull(dueSeal, "dueSeal");
        Objects.requireNonNull(summary, "summary");
    }

    /** Whether an organisation seal is due now (see {@link #dueSeal}). */
    public boolean sealDue() {
        return dueSeal.isPresent();
    }

    /**
     * A seal that is due.
     *
     * @param stepId       the step the seal claims
     * @param organisation the organisation whose seal key performs it
     */
    public record DueSeal(String stepId, String organisation) {
        public DueSeal {
            Objects.requireNonNull(stepId, "stepId");
            Objects.requireNonNull(organisation, "organisation");
        }
    }

    public enum Status {
        /** Every step was performed by an eligible signer in order, and the seal (if any) was applied last. */
        FOLLOWED_COMPLETE,
        /** Nothing is wrong so far, but steps (or the seal) are still pending. */
        FOLLOWED_INCOMPLETE,
        /** At least one signature breaks the process; {@link #violations()} says how. */
        VIOLATED
    }
}
