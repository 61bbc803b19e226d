package io.sealgate.signing.verify;

import java.util.Objects;

/**
 * One change a revision made to the document, in words.
 *
 * @param revision    the 0-based revision that made the change
 * @param kind        what kind of change (stable names, listed in docs/verification.md)
 * @param allowed     whether it is an allowed addition after the signatures before it (a signature, a document
 *                    timestamp, validation data, or what a certification signature permits)
 * @param description one sentence, e.g. {@code page 2 added} or {@code content stream of page 1 replaced}
 */
public record ChangeReport(int revision, ChangeKind kind, boolean allowed, String description) {

    public ChangeReport {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
    }
}
