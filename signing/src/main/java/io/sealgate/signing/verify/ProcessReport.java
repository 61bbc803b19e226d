package io.sealgate.signing.verify;

import java.util.List;
import java.util.Objects;

/**
 * The embedded process manifest and how the signature chain relates to it, from the policy module's
 * {@code ProcessChecker.check}.
 *
 * @param status       {@code FOLLOWED_COMPLETE}, {@code FOLLOWED_INCOMPLETE}, {@code VIOLATED}, or
 *                     {@code MANIFEST_INVALID} when the embedded manifest cannot be read
 * @param template     the template id, e.g. {@code purchase-order}; null when the manifest cannot be read
 * @param version      the template version; 0 when the manifest cannot be read
 * @param documentId   the document id in the manifest
 * @param organisation the creating organisation
 * @param stepsDone    {@code step: signer} for every signature that counted, in chain order
 * @param pendingSteps the step ids still to perform in order, the final seal's last
 * @param violations   one sentence per broken rule
 * @param sealDue      whether an organisation seal is what the process waits for now (a seal step, or the final
 *                     seal once every step is complete)
 * @param summary      one sentence for people
 */
public record ProcessReport(String status, String template, int version, String documentId, String organisation,
                            List<String> stepsDone, List<String> pendingSteps, List<String> violations,
                            boolean sealDue, String summary) {

    public ProcessReport {
        Objects.requireNonNull(status, "status");
        stepsDone = List.copyOf(stepsDone);
        pendingSteps = List.copyOf(pendingSteps);
        violations = List.copyOf(violations);
        Objects.requireNonNull(summary, "summary");
    }
}
