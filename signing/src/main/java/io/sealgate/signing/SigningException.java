package io.sealgate.signing;

/**
 * The signing module's domain exception (STYLE.md habit 5). Its message is a sentence a user can read, with
 * context: {@code "cannot sign po-17.pdf for alice: token 'sealgate' not logged in (CKR_USER_NOT_LOGGED_IN)"}.
 */
public class SigningException extends Exception {
    private static final long serialVersionUID = 1L;

    public SigningException(String message) {
        super(message);
    }

    public SigningException(String message, Throwable cause) {
        super(message, cause);
    }
}
