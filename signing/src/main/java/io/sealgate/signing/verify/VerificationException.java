package io.sealgate.signing.verify;

import io.sealgate.signing.SigningException;

/**
 * The document could not be verified at all: it cannot be read, is neither a PDF nor a CMS signature, or is too
 * large. A document that can be read but is wrong gives a report with verdict {@link Verdict#INVALID} instead.
 */
public final class VerificationException extends SigningException {
    private static final long serialVersionUID = 1L;

    public VerificationException(String message) {
        super(message);
    }

    public VerificationException(String message, Throwable cause) {
        super(message, cause);
    }
}
