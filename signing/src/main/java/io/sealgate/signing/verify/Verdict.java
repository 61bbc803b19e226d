package io.sealgate.signing.verify;

/**
 * The overall answer of a verification, and the exit code of {@code sealgate verify} (shared/DESIGN.md).
 */
public enum Verdict {
    /** Every signature is valid, nothing but allowed additions changed after any of them, and the process (if the
     *  document carries one) was followed and is complete. Exit code 0. */
    VALID(0),
    /** A signature is invalid or cannot be established, the document was modified after signing, or the process
     *  was violated. Exit code 1. */
    INVALID(1),
    /** Everything is valid so far, but the document's process still has steps pending. Exit code 3. */
    INCOMPLETE(3);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The exit code {@code sealgate verify} returns for this verdict. */
    public int exitCode() {
        return exitCode;
    }
}
