package io.sealgate.signing.service;

import io.sealgate.signing.SigningException;

/**
 * The document was changed after its last signature by something other than a signature (or the validation data
 * and timestamps that come with one), so no signature is stacked on it. Callers answer 409.
 */
public class DocumentModifiedException extends SigningException {
    private static final long serialVersionUID = 1L;

    public DocumentModifiedException(String message) {
        super(message);
    }
}
