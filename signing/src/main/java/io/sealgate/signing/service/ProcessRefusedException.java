package io.sealgate.signing.service;

import io.sealgate.policy.ProcessDecision;
import io.sealgate.signing.SigningException;

/**
 * The document's process does not allow the signature: not the person's step (403), out of order, already signed,
 * complete or violated (409), or an unknown step (400). {@link #decision()} carries the outcome, whose
 * {@code kind()} gives the status and {@code code()} the JSON error code; the message is the decision's sentence.
 */
public class ProcessRefusedException extends SigningException {
    private static final long serialVersionUID = 1L;

    private final transient ProcessDecision decision;

    public ProcessRefusedException(ProcessDecision decision) {
        super(decision.message());
        this.decision = decision;
    }

    public ProcessDecision decision() {
        return decision;
    }
}
