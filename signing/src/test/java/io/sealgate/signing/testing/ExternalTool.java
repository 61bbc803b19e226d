package io.sealgate.signing.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tools nobody on the team wrote that the tests check our output with ({@code pdfsig}, {@code qpdf},
 * {@code openssl}) and returns what they print. A tool that is missing or does not finish within a minute fails the
 * test with an {@link IllegalStateException} naming it.
 */
public final class ExternalTool {

    private static final long TIMEOUT_SECONDS = 60;

    private ExternalTool() {
    }

    /** Runs {@code command} in the working directory; stdout and stderr merged, as a terminal shows them. */
    public static String run(String... command) {
        return runIn(null, command);
    }

    /** Runs {@code command} in {@code directory} (null: the working directory); stdout and stderr merged. */
    public static String runIn(Path directory, String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process p = builder.start();
            byte[] out = p.getInputStream().readAllBytes();
            awaitExit(p, command);
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw cannotRun(command, e);
        }
    }

    /**
     * Runs {@code command} and returns its stdout, then its stderr, then {@code [exit N]}. For tools that print
     * warnings on stderr while writing stdout: merged streams interleave at buffer boundaries and can split stdout
     * lines (pdfsig prints "Unimplemented Feature" on stderr for each timestamp).
     */
    public static String runStdoutThenStderr(String... command) {
        try {
            Path err = Files.createTempFile("tool-", ".err");
            try {
                Process p = new ProcessBuilder(command).redirectError(err.toFile()).start();
                byte[] out = p.getInputStream().readAllBytes();
                awaitExit(p, command);
                return new String(out, StandardCharsets.UTF_8) + "\n" + Files.readString(err)
                        + "\n[exit " + p.exitValue() + "]";
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw cannotRun(command, e);
        }
    }

    private static void awaitExit(Process p, String... command) {
        try {
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException(String.join(" ", command) + " was interrupted", e);
        }
    }

    private static IllegalStateException cannotRun(String[] command, IOException e) {
        return new IllegalStateException("cannot run " + command[0] + " (is it installed?)", e);
    }
}
