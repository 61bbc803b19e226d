package io.sealgate.signing.log;

/** Whether the signed document reached the upstream service. */
public enum DeliveryStatus {
    /** The upstream accepted the signed document. */
    DELIVERED,
    /** The signature was made but the upstream refused the document or could not be reached. */
    UPSTREAM_FAILED,
    /** The signature was made and the document is on its way; a {@link StatusChange} will follow. */
    PENDING
}
