package io.sealgate.signing.keys;

import java.security.ProviderException;

/** Reads the PKCS#11 return code (e.g. {@code CKR_PIN_INCORRECT}) out of the JDK's exception chains. */
final class Pkcs11Errors {

    private static final String PKCS11_EXCEPTION = "sun.security.pkcs11.wrapper.PKCS11Exception";

    private Pkcs11Errors() {
    }

    /** The {@code CKR_...} name in {@code t}'s cause chain, or {@code null} when the failure did not come from PKCS#11. */
    static String returnCode(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.getClass().getName().equals(PKCS11_EXCEPTION)) {
                String message = c.getMessage();
                return message == null ? "CKR_GENERAL_ERROR" : message.strip();
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return null;
    }

    /** Whether {@code t} means the token itself failed (as opposed to bad input): the vault then reconnects. */
    static boolean isTokenFailure(Throwable t) {
        if (returnCode(t) != null) {
            return true;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ProviderException) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    /** {@code "CKR_PIN_INCORRECT"}, or the exception's own message when PKCS#11 gave no code. */
    static String describe(Throwable t) {
        String code = returnCode(t);
        if (code != null) {
            return code;
        }
        String message = t.getMessage();
        return message == null ? t.getClass().getSimpleName() : message;
    }
}
