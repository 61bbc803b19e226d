package io.sealgate.policy;

import java.util.List;
import java.util.Objects;

/**
 * Whether a document's signature chain follows its process, as {@link ProcessChecker#check} found it.
 *
 * @param status       followed and complete, followed so far, or violated
 * @param pendingSteps the ids of the steps still to perform, in order, the seal's id last when it is due; empty
 *                     when complete. For a violated chain: what would be pending if the bad signatures were absent
 * @param violations   one sentence per broken rule, in chain order; empty unless {@link Status#VIOLATED}
 * @param sealDue      whether every step is complete and only the organisation seal is missing: the proxy applies
 *                     it now
 * @param summary      one sentence for people, e.g. {@code process purchase-order v3 was followed so far (pending:
 *                     legal, seal)}
 */
public record ChainVerdict(
        Status status, List<String> pendingSteps, List<String> violations, boolean sealDue, String summary) {

    public ChainVerdict {
        Objects.requireNonNull(status, "status");
        pendingSteps = List.copyOf(pendingSteps);
        violations = List.copyOf(violations);
        Objects.requireNonNull(summary, "summary");
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
