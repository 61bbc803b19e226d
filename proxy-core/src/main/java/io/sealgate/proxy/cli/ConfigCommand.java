package io.sealgate.proxy.cli;

import io.sealgate.config.ConfigError;
import io.sealgate.config.ConfigException;
import io.sealgate.config.SealgateConfig;
import io.sealgate.policy.ProcessTemplates;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code sealgate config ...}: work with config files without starting anything. */
@Command(name = "config", mixinStandardHelpOptions = true, description = "Work with Sealgate config files.",
        subcommands = ConfigCommand.Check.class)
final class ConfigCommand implements Callable<Integer> {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (expected: check)");
    }

    /**
     * {@code sealgate config check FILE}: exit 0 printing {@code ok: FILE} (and on stderr any
     * {@link ProcessTemplates#warnings warning}, prefixed {@code warning: }), or exit 2 printing every problem, one
     * {@link ConfigError} per line on stderr.
     */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Validate a config file: exit 0 when valid, 2 with every error listed.")
    static final class Check implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @CommandLine.Parameters(paramLabel = "FILE", description = "the YAML config to check")
        private Path file;

        @Override
        public Integer call() {
            SealgateConfig config;
            try {
                config = ConfigFiles.load(file);
            } catch (ConfigException e) {
                e.errors().forEach(error -> spec.commandLine().getErr().println(error));
                return ExitCode.USAGE;
            }
            ProcessTemplates.warnings(config).forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            spec.commandLine().getOut().println("ok: " + file);
            return ExitCode.OK;
        }
    }
}
