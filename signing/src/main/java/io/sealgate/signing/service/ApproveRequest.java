package io.sealgate.signing.service;

import io.sealgate.policy.Identity;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * An approval of an existing document, for {@link SigningService#approve}.
 *
 * @param document           the document as fetched from the upstream (for a PDF: the signed PDF)
 * @param detachedSignature  for any other file: its {@code .p7s} as fetched from the upstream; empty for a PDF
 * @param documentName       the document's name as the upstream knows it
 * @param approver           the authenticated user
 * @param requestedStep      the step the user asks to perform; empty: the first open step the user may perform
 * @param context            the request
 * @param gate               called with the step to perform before the approver's key signs ({@link StepGate})
 */
public record ApproveRequest(Path document, Optional<Path> detachedSignature, String documentName, Identity approver,
                             Optional<String> requestedStep, RequestContext context, StepGate gate) {
    public ApproveRequest {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(detachedSignature, "detachedSignature");
        Objects.requireNonNull(documentName, "documentName");
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(requestedStep, "requestedStep");
        Objects.requireNonNull(context, "context");
        Objects.requireNonNull(gate, "gate");
    }

    /** An approval whose step needs no further check ({@link StepGate#NONE}). */
    public ApproveRequest(Path document, Optional<Path> detachedSignature, String documentName, Identity approver,
                          Optional<String> requestedStep, RequestContext context) {
        this(document, detachedSignature, documentName, approver, requestedStep, context, StepGate.NONE);
    }
}
