package io.sealgate.signing.service;

import io.sealgate.signing.DocumentRejectedException;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningUnavailableException;
import io.sealgate.signing.keys.KeyUseRefusedException;

import java.nio.file.Path;

/** Rewrites signer messages for people: the document's name in place of the spool file's. */
final class SigningErrors {

    private SigningErrors() {
    }

    /**
     * {@code e} with every mention of {@code file}'s name replaced by {@code documentName}, of the same type where
     * the type carries an HTTP status; {@code e} itself when its message does not mention the file.
     */
    static SigningException named(SigningException e, Path file, String documentName) {
        String fileName = String.valueOf(file.getFileName());
        String message = e.getMessage();
        if (message == null || !message.contains(fileName)) {
            return e;
        }
        String renamed = message.replace(fileName, documentName);
        if (e instanceof KeyUseRefusedException) {
            return new KeyUseRefusedException(renamed, e);
        }
        if (e instanceof DocumentRejectedException) {
            return new DocumentRejectedException(renamed, e);
        }
        if (e instanceof SigningUnavailableException) {
            return new SigningUnavailableException(renamed, e);
        }
        if (e.getClass() == SigningException.class) {
            return new SigningException(renamed, e);
        }
        return e;
    }
}
