package io.sealgate.signing.log;

import io.sealgate.signing.SigningException;

/** The signature log cannot do what was asked: its store is unreachable, full, or refuses the write. */
public class LogException extends SigningException {
    private static final long serialVersionUID = 1L;

    public LogException(String message) {
        super(message);
    }

    public LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
