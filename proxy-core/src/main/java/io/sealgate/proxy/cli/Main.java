package io.sealgate.proxy.cli;

import io.sealgate.proxy.cli.keys.KeysCommand;
import io.sealgate.proxy.cli.keys.SignCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code sealgate}, the command line: the shaded jar's entry point. Every subcommand is listed in the
 * {@code subcommands} attribute below, and only there; a new command ({@code keys}, {@code sign}, {@code verify},
 * {@code log}) is one class plus one entry in that list.
 *
 * <p>Errors reach the user as one line, {@code sealgate: <sentence>}, and an exit code from {@link ExitCode}; stack
 * traces go to the debug log only.
 */
@Command(name = "sealgate",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A signing reverse proxy for business documents.",
        subcommands = {
                ServeCommand.class,
                ProxyCommand.class,
                ConfigCommand.class,
                DemoCommand.class,
                KeysCommand.class,
                SignCommand.class,
                VerifyCommand.class,
                LogCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(Main.class);
    /** Longest a Ctrl-C waits for a graceful close before the JVM halts anyway. */
    private static final Duration MAX_SHUTDOWN = Duration.ofSeconds(60);

    private final StopSignal stopSignal;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    Main(StopSignal stopSignal) {
        this.stopSignal = stopSignal;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, Charset.defaultCharset());
        PrintWriter err = new PrintWriter(System.err, true, Charset.defaultCharset());
        System.exit(run(args, out, err, StopSignal.onJvmShutdown(MAX_SHUTDOWN)));
    }

    /**
     * Runs one command line to completion and returns its exit code; never throws and never calls
     * {@link System#exit}. Long-running commands return after {@code stopSignal} is raised.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err, StopSignal stopSignal) {
        try {
            return commandLine(stopSignal, out, err).execute(args);
        } finally {
            out.flush();
            err.flush();
            stopSignal.markStopped();
        }
    }

    static CommandLine commandLine(StopSignal stopSignal, PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new Main(stopSignal));
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler(Main::usageError);
        commandLine.setExecutionExceptionHandler(Main::failure);
        return commandLine;
    }

    /** {@code sealgate} alone: a usage error that names the commands. */
    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (expected: one of "
                + String.join(", ", spec.subcommands().keySet()) + ")");
    }

    StopSignal stopSignal() {
        return stopSignal;
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        command.getErr().println("sealgate: " + firstLine(e.getMessage()) + " (see '"
                + command.getCommandSpec().qualifiedName() + " --help')");
        return ExitCode.USAGE;
    }

    private static int failure(Exception e, CommandLine command, CommandLine.ParseResult parseResult) {
        if (e instanceof CliException cli) {
            if (cli.getCause() != null) {
                log.debug("{} failed", command.getCommandSpec().qualifiedName(), cli.getCause());
            }
            command.getErr().println("sealgate: " + cli.getMessage());
            return cli.exitCode();
        }
        log.debug("{} failed", command.getCommandSpec().qualifiedName(), e);
        String message = e.getMessage() != null ? firstLine(e.getMessage()) : e.getClass().getSimpleName();
        command.getErr().println("sealgate: " + command.getCommandSpec().name() + " failed: " + message);
        return ExitCode.FAILURE;
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
