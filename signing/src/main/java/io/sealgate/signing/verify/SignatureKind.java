package io.sealgate.signing.verify;

/** What a {@link SignatureReport} describes. */
public enum SignatureKind {
    /** A PDF signature ({@code /Type /Sig}) or a CAdES signer info. */
    SIGNATURE,
    /** A PDF document timestamp ({@code /Type /DocTimeStamp}, {@code /ETSI.RFC3161}). */
    DOCUMENT_TIMESTAMP,
    /** A CAdES counter-signature (on the signature listed before it in the chain). */
    COUNTER_SIGNATURE
}
