package io.sealgate.policy;

/**
 * Bytes that should hold a process manifest do not: not JSON, a field missing, unknown or of the wrong type, or a
 * process that breaks the template rules. The message names the path of every problem, e.g.
 * {@code invalid process manifest: steps[1].meaning: missing (expected: create, review or approve)}. A verifier
 * treats such a document as violating its process: it cannot tell what the signers agreed to.
 */
public final class ManifestFormatException extends Exception {
    private static final long serialVersionUID = 1L;

    public ManifestFormatException(String problems) {
        super("invalid process manifest: " + problems);
    }
}
