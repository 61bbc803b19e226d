package io.sealgate.proxy.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code sealgate ...} in-process, for commands that finish and for commands that run until stopped. */
final class CliRun implements AutoCloseable {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final StopSignal stopSignal = new StopSignal();
    private final CompletableFuture<Integer> exitCode;

    private CliRun(String... args) {
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        exitCode = CompletableFuture.supplyAsync(() -> Main.run(args, outWriter, errWriter, stopSignal),
                runnable -> new Thread(runnable, "sealgate-cli-test").start());
    }

    /** Starts a command in the background. */
    static CliRun start(String... args) {
        return new CliRun(args);
    }

    /** Runs a command that ends by itself and waits for it. */
    static CliRun complete(String... args) throws Exception {
        CliRun run = new CliRun(args);
        run.exitCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return run;
    }

    /** Waits until stdout matches {@code regex} and returns the first group, failing when the command exits first. */
    String awaitOutput(String regex) throws Exception {
        Pattern pattern = Pattern.compile(regex);
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            Matcher m = pattern.matcher(out());
            if (m.find()) {
                return m.groupCount() > 0 ? m.group(1) : m.group();
            }
            if (exitCode.isDone()) {
                throw new AssertionError("command exited with " + exitCode.get() + " before printing " + regex
                        + "; stdout: " + out() + " stderr: " + err());
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no output matching " + regex + " within " + WAIT + "; stdout: " + out()
                + " stderr: " + err());
    }

    /** Raises the stop signal (as Ctrl-C would) and returns the exit code. */
    int stop() throws Exception {
        stopSignal.requestStop();
        return exitCode();
    }

    int exitCode() throws Exception {
        return exitCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    @Override
    public void close() throws Exception {
        stopSignal.requestStop();
        exitCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
}
