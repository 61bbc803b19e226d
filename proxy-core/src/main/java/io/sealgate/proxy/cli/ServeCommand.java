package io.sealgate.proxy.cli;

import io.sealgate.config.ConfigException;
import io.sealgate.policy.ProcessTemplates;
import io.sealgate.config.SealgateConfig;
import io.sealgate.proxy.SealgateServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code sealgate serve --config FILE}: loads the config (exit 2 listing every error when it is invalid), starts
 * the proxy and runs until Ctrl-C or SIGTERM, then shuts down gracefully.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the proxy from a config file.")
final class ServeCommand implements Callable<Integer> {

    @CommandLine.ParentCommand
    private Main main;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE",
            description = "the YAML config (see docs/configuration.md)")
    private Path configFile;

    @Override
    public Integer call() throws CliException {
        SealgateConfig config;
        try {
            config = ConfigFiles.load(configFile);
        } catch (ConfigException e) {
            e.errors().forEach(error -> spec.commandLine().getErr().println(error));
            return ExitCode.USAGE;
        }
        PrintWriter out = spec.commandLine().getOut();
        ProcessTemplates.warnings(config).forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        try (SealgateServer server = ProxyRun.start(config)) {
            out.println("sealgate: serving " + configFile + " on " + String.join(", ", ProxyRun.urls(config, server)));
            ProxyRun.awaitStop(main.stopSignal());
            out.println("sealgate: stopping");
        }
        return ExitCode.OK;
    }
}
