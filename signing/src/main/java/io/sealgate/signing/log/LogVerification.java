package io.sealgate.signing.log;

import java.util.List;
import java.util.OptionalLong;

/**
 * The outcome of {@link SignatureLog#verify()}: how much was checked and every problem found, in log order.
 *
 * @param entries   entries read back from the store
 * @param treeHeads tree heads read back from the store
 * @param problems  empty when the whole log verifies
 */
public record LogVerification(long entries, long treeHeads, List<Problem> problems) {

    public LogVerification {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * One thing that does not verify.
     *
     * @param entryIndex    the entry it is about, when one entry can be named
     * @param treeHeadIndex the tree head (counted from 0 in integration order) it is about, if any
     * @param message       a sentence naming the entry or head and what is wrong
     */
    public record Problem(OptionalLong entryIndex, OptionalLong treeHeadIndex, String message) {
    }
}
