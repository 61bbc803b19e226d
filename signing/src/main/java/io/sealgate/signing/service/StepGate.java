package io.sealgate.signing.service;

/**
 * A caller's last word on an approval: {@link SigningService#approve} calls it with the step the approver is about to
 * perform, after the process allowed that step and before any key signs. The proxy uses it for step-up rules that
 * depend on the step, which for a route without {@code step:} only the service knows. Whatever it throws propagates
 * out of {@code approve} unchanged, and nothing is signed or logged.
 */
@FunctionalInterface
public interface StepGate {

    /** Admits every step. */
    StepGate NONE = stepId -> { };

    /** Returns to let the approver perform {@code stepId}; throws to refuse. */
    void admit(String stepId) throws io.sealgate.signing.SigningException;
}
