package io.sealgate.proxy.cli;

/**
 * The exit codes of {@code sealgate} commands (shared/DESIGN.md, "Contract a user relies on"). Scripts depend on
 * them: never renumber.
 */
public final class ExitCode {
    /** Success; for {@code verify}: every signature valid and the process complete. */
    public static final int OK = 0;
    /** The command ran and failed (a port taken, an upstream down); for {@code verify}: a signature invalid. */
    public static final int FAILURE = 1;
    /** Usage error, invalid config, or a file that cannot be read. */
    public static final int USAGE = 2;
    /** For {@code verify}: valid so far, but the document's process is incomplete. */
    public static final int INCOMPLETE = 3;

    private ExitCode() {}
}
