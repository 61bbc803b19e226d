package io.sealgate.signing;

/**
 * The document itself cannot be signed: malformed, encrypted, broken cross-reference table. The caller should refuse
 * with 422 and this message; retrying will not help.
 */
public class DocumentRejectedException extends SigningException {
    private static final long serialVersionUID = 1L;

    public DocumentRejectedException(String message) {
        super(message);
    }

    public DocumentRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
