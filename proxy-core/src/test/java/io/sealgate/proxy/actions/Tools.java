package io.sealgate.proxy.actions;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Tools nobody on the team wrote, to check what Sealgate stored: pdfsig (poppler) and openssl. */
public final class Tools {

    private Tools() {}

    /** {@code pdfsig FILE} output (exit code ignored: pdfsig exits non-zero on unsigned files). */
    public static String pdfsig(Path pdf) throws Exception {
        return run(List.of("pdfsig", pdf.toString())).output;
    }

    public record Result(int exitCode, String output) {}

    public static Result run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.get(0) + " did not finish");
        }
        return new Result(p.exitValue(), out);
    }
}
