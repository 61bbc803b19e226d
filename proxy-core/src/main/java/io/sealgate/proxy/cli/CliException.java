package io.sealgate.proxy.cli;

/**
 * A command failed in a way the user can act on. Its message is one sentence printed as {@code sealgate: MESSAGE};
 * no stack trace is shown (the cause, if any, is logged at debug level).
 */
public final class CliException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CliException(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code, one of {@link ExitCode}. */
    public int exitCode() {
        return exitCode;
    }
}
