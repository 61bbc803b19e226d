package io.sealgate.proxy.cli;

import io.sealgate.config.ConfigException;
import io.sealgate.config.ConfigLoader;
import io.sealgate.config.SealgateConfig;
import io.sealgate.fixtures.saas.FixtureSaas;
import io.sealgate.proxy.SealgateServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code sealgate demo}: the fixture SaaS on a free loopback port with the proxy in front of it, its config written
 * to {@code var/demo/sealgate.yaml}, the URLs and copy-paste commands printed; runs until Ctrl-C.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a demo document service behind Sealgate on this machine.")
final class DemoCommand implements Callable<Integer> {
    private static final String HOST = "127.0.0.1";

    @CommandLine.ParentCommand
    private Main main;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--port", paramLabel = "N", defaultValue = "8080",
            description = "the proxy's port on 127.0.0.1; 0 picks a free one (default: ${DEFAULT-VALUE})")
    private int port;

    @CommandLine.Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "var/demo",
            description = "where the demo keeps its files and config (default: ${DEFAULT-VALUE})")
    private Path dataDir;

    @Override
    public Integer call() throws CliException {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port: " + port + " (expected: 0-65535)");
        }
        try (FixtureSaas saas = startSaas()) {
            SealgateConfig config = writeAndLoadConfig(saas);
            try (SealgateServer server = startProxy(config)) {
                printWelcome(spec.commandLine().getOut(), ProxyRun.urls(config, server).get(0), config);
                ProxyRun.awaitStop(main.stopSignal());
                spec.commandLine().getOut().println("Stopping the demo.");
            }
        }
        return ExitCode.OK;
    }

    private SealgateServer startProxy(SealgateConfig config) throws CliException {
        try {
            return ProxyRun.start(config);
        } catch (CliException e) {
            throw new CliException(e.exitCode(), e.getMessage() + " (expected: a free port; choose one with --port N)",
                    e.getCause());
        }
    }

    private FixtureSaas startSaas() throws CliException {
        Path storage = dataDir.resolve("saas");
        try {
            return FixtureSaas.start(storage, new InetSocketAddress(InetAddress.getByName(HOST), 0));
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot start the demo document service in " + storage + ": "
                    + e.getMessage(), e);
        }
    }

    private SealgateConfig writeAndLoadConfig(FixtureSaas saas) throws CliException {
        Path file = dataDir.resolve("sealgate.yaml");
        try {
            Files.createDirectories(dataDir);
            Files.writeString(file, DemoConfig.yaml(HOST, port, saas.baseUri()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot write the demo config " + file + ": " + e.getMessage(), e);
        }
        try {
            return ConfigLoader.builder().build().load(file);
        } catch (ConfigException e) {
            // Our own template failed validation: a bug, but say precisely where.
            throw new CliException(ExitCode.FAILURE, "the demo config " + file + " is invalid: " + e.getMessage(), e);
        }
    }

    private void printWelcome(PrintWriter out, String base, SealgateConfig config) {
        String sealgate = base + config.reservedPrefix().substring(1);
        String file = base + "files/contract.pdf";
        out.println("Sealgate demo is running. Press Ctrl-C to stop.");
        out.println();
        out.println("  Documents (web page, through Sealgate):  " + base);
        out.println("  Health:                                  " + sealgate + "health");
        out.println("  Metrics:                                 " + sealgate + "metrics");
        out.println("  Config in use:                           " + dataDir.resolve("sealgate.yaml"));
        out.println("  Stored files:                            " + dataDir.resolve("saas"));
        out.println();
        out.println("Try it:");
        out.println("  # upload a document");
        out.println("  curl -T contract.pdf " + file);
        out.println("  # list documents (JSON: name, size, sha256, approvals)");
        out.println("  curl " + base + "files");
        out.println("  # download it");
        out.println("  curl -o copy.pdf " + file);
        out.println("  # approve it as alice");
        out.println("  curl -X POST -H 'X-User: alice' " + file + "/approve");
        out.flush();
    }
}
