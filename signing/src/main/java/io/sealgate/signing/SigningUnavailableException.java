package io.sealgate.signing;

/**
 * Signing cannot happen right now: the token is lost or locked, the TSA or a revocation responder is down. The
 * caller should refuse with 503 and may retry later; nothing about the document is wrong.
 */
public class SigningUnavailableException extends SigningException {
    private static final long serialVersionUID = 1L;

    public SigningUnavailableException(String message) {
        super(message);
    }

    public SigningUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
