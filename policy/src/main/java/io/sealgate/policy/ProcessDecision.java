package io.sealgate.policy;

import java.util.Objects;
import java.util.Optional;

/**
 * The answer to "may this person sign this document now?", from {@link ProcessChecker#decide}. The proxy maps
 * {@link Outcome#kind()} to an HTTP status and sends {@link Outcome#code()} and {@link #message()} in its JSON
 * error body; docs/process-assurance.md has the table.
 *
 * @param outcome what was decided
 * @param stepId  for {@link Outcome#ALLOWED}: the step the signature performs (its claimed-step attribute); for a
 *                refusal: the step concerned when there is one
 * @param message one sentence for the person, naming the step and who may perform it where that helps
 */
public record ProcessDecision(Outcome outcome, Optional<String> stepId, String message) {

    public ProcessDecision {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(message, "message");
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }

    /** How the proxy answers: {@link #FORBIDDEN} 403, {@link #CONFLICT} 409, {@link #BAD_REQUEST} 400. */
    public enum Kind { ALLOWED, FORBIDDEN, CONFLICT, BAD_REQUEST }

    public enum Outcome {
        /** The person may sign; {@link #stepId()} is the step the signature performs. */
        ALLOWED("allowed", Kind.ALLOWED),
        /** The person is not among those who may perform the open step (or the requested step). */
        NOT_YOUR_STEP("not-your-step", Kind.FORBIDDEN),
        /** The step the person may perform is not open: a step before it is incomplete, or it is already done. */
        OUT_OF_ORDER("step-out-of-order", Kind.CONFLICT),
        /** The person already signed the step (n-of-m: another member must sign). */
        ALREADY_SIGNED("already-signed", Kind.CONFLICT),
        /** Every step is complete; nothing is left for a person to sign. */
        PROCESS_COMPLETE("process-complete", Kind.CONFLICT),
        /** The chain already breaks the process; no signature is stacked on it. */
        PROCESS_VIOLATED("process-violated", Kind.CONFLICT),
        /** The requested step is not part of the document's process. */
        UNKNOWN_STEP("unknown-step", Kind.BAD_REQUEST);

        private final String code;
        private final Kind kind;

        Outcome(String code, Kind kind) {
            this.code = code;
            this.kind = kind;
        }

        /** The {@code error} value of the proxy's JSON error body, e.g. {@code not-your-step}. */
        public String code() {
            return code;
        }

        public Kind kind() {
            return kind;
        }
    }
}
