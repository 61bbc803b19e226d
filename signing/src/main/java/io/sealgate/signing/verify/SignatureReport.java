package io.sealgate.signing.verify;

import java.util.List;
import java.util.Objects;

/**
 * One signature, document timestamp or counter-signature, with every check made on it.
 *
 * @param number             1-based, in document order (PDF: revision order; CAdES: signing order)
 * @param kind               signature, document timestamp or counter-signature
 * @param fieldName          the PDF signature field's name; null for CAdES
 * @param revision           PDF: the 0-based revision the signature covers; CAdES: 0
 * @param signer             the signing certificate's holder; null when no signing certificate was found
 * @param processStep        the Sealgate process step the signature claims; null when it claims none
 * @param requestId          the Sealgate request id in the signature; null when absent
 * @param signingTime        the best signing time, ISO-8601 UTC; null when the document names none
 * @param timeSource         where {@code signingTime} comes from
 * @param level              the baseline level reached
 * @param status             the result of the checks below
 * @param coversCurrentDocument whether nothing but allowed additions changed after this signature
 * @param checks             every check, in the order made
 * @param timestamps         the timestamp tokens on this signature (for a document timestamp: its own token)
 */
public record SignatureReport(int number, SignatureKind kind, String fieldName, int revision, SignerReport signer,
                              String processStep, String requestId, String signingTime, TimeSource timeSource,
                              BaselineLevel level, SignatureStatus status, boolean coversCurrentDocument,
                              List<CheckResult> checks, List<TimestampReport> timestamps) {

    public SignatureReport {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timeSource, "timeSource");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(status, "status");
        checks = List.copyOf(checks);
        timestamps = List.copyOf(timestamps);
    }

    /** The first failed (else indeterminate) check's message: why the signature is not valid; null when valid. */
    public String reason() {
        for (CheckResult.Outcome o : List.of(CheckResult.Outcome.FAILED, CheckResult.Outcome.INDETERMINATE)) {
            for (CheckResult c : checks) {
                if (c.outcome() == o) {
                    return c.message();
                }
            }
        }
        return null;
    }
}
