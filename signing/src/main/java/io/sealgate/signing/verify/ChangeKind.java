package io.sealgate.signing.verify;

/** The kinds of change {@link ChangeReport} names. */
public enum ChangeKind {
    /** A signature (with its field and appearance) was added. */
    SIGNATURE_ADDED,
    /** A document timestamp was added. */
    DOCUMENT_TIMESTAMP_ADDED,
    /** Validation data ({@code /DSS}, {@code /VRI}) was added or extended. */
    VALIDATION_DATA_ADDED,
    /** A signature field without a signature was added (a place for a later signer, or a sneaky signature). */
    SIGNATURE_FIELD_ADDED,
    /** A form field's value changed. */
    FORM_FIELD_CHANGED,
    /** An annotation (other than a signature widget) was added, changed or removed. */
    ANNOTATION_CHANGED,
    /** A page was added or removed. */
    PAGES_CHANGED,
    /** A page's content, resources, fonts or images changed. */
    PAGE_CONTENT_CHANGED,
    /** The catalog or another document-level object changed (names, attachments, actions, outlines). */
    DOCUMENT_CHANGED,
    /** An earlier signature's dictionary or field was overwritten or removed. */
    SIGNATURE_CHANGED,
    /** The document information dictionary or metadata changed. */
    METADATA_CHANGED,
    /** Bytes after a signed revision that are not a readable revision, or any other change. */
    OTHER
}
