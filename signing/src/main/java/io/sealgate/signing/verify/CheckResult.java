package io.sealgate.signing.verify;

import java.util.Objects;

/**
 * One check made on a signature or timestamp, e.g. {@code byte-range}, {@code message-digest},
 * {@code certificate-path}.
 *
 * @param check   the check's name (stable, listed in docs/verification.md)
 * @param outcome whether it passed
 * @param message one sentence for people saying what was found
 */
public record CheckResult(String check, Outcome outcome, String message) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(message, "message");
    }

    public static CheckResult passed(String check, String message) {
        return new CheckResult(check, Outcome.PASSED, message);
    }

    public static CheckResult failed(String check, String message) {
        return new CheckResult(check, Outcome.FAILED, message);
    }

    public static CheckResult warning(String check, String message) {
        return new CheckResult(check, Outcome.WARNING, message);
    }

    public static CheckResult indeterminate(String check, String message) {
        return new CheckResult(check, Outcome.INDETERMINATE, message);
    }

    public enum Outcome {
        /** The check passed. */
        PASSED,
        /** The check found the signature wrong: it is invalid. */
        FAILED,
        /** The check could not be completed (no path to a trust anchor, no revocation information). */
        INDETERMINATE,
        /** Worth knowing, does not affect validity. */
        WARNING
    }
}
