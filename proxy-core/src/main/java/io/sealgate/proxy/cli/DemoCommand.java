package io.sealgate.proxy.cli;

import io.sealgate.config.ConfigException;
import io.sealgate.config.SealgateConfig;
import io.sealgate.fixtures.saas.FixtureSaas;
import io.sealgate.proxy.SealgateServer;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.service.SigningService;
import io.sealgate.signing.service.SigningServiceSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code sealgate demo}: a SoftHSM token with demo users and an organisation seal ({@link DemoSetup}), the fixture
 * SaaS on a free loopback port with the signing proxy in front of it, its config written to
 * {@code var/demo/sealgate.yaml}, the URLs, tokens and copy-paste commands printed; runs until Ctrl-C. With
 * {@code --script} it plays the purchase-order story through the proxy instead ({@link DemoScript}) and exits.
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
            description = "where the demo keeps its token, files and config (default: ${DEFAULT-VALUE})")
    private Path dataDir;

    @CommandLine.Option(names = "--script", description = "upload as alice, approve as bob, download and verify "
            + "the purchase order through the proxy, then exit (0: the final document verifies)")
    private boolean script;

    @Override
    public Integer call() throws CliException {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port: " + port + " (expected: 0-65535)");
        }
        PrintWriter out = spec.commandLine().getOut();
        DemoSetup setup = DemoSetup.prepare(dataDir);
        try (FixtureSaas saas = startSaas()) {
            SealgateConfig config = writeAndLoadConfig(saas, setup);
            try (SigningService service = openSigning(config);
                 SealgateServer server = startProxy(config, service)) {
                String base = ProxyRun.urls(config, server).get(0);
                if (script) {
                    return new DemoScript(URI.create(base), setup, service, out).play();
                }
                printWelcome(out, base, config, setup);
                ProxyRun.awaitStop(main.stopSignal());
                out.println("Stopping the demo.");
            }
        }
        return ExitCode.OK;
    }

    private SigningService openSigning(SealgateConfig config) throws CliException {
        try {
            return SigningService.open(SigningServiceSettings.from(config));
        } catch (SigningException e) {
            throw new CliException(ExitCode.FAILURE, "cannot open the demo's signing service: " + e.getMessage(), e);
        }
    }

    private SealgateServer startProxy(SealgateConfig config, SigningService service) throws CliException {
        try {
            return SealgateServer.start(config, service);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, e.getMessage() + " (expected: a free port; choose one with "
                    + "--port N)", e);
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

    private SealgateConfig writeAndLoadConfig(FixtureSaas saas, DemoSetup setup) throws CliException {
        Path file = dataDir.resolve("sealgate.yaml");
        try {
            Files.writeString(file, DemoConfig.yaml(HOST, port, saas.baseUri(), setup), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, "cannot write the demo config " + file + ": " + e.getMessage(), e);
        }
        try {
            return ConfigFiles.load(file);
        } catch (ConfigException e) {
            // Our own template failed validation: a bug, but say precisely where.
            throw new CliException(ExitCode.FAILURE, "the demo config " + file + " is invalid: " + e.getMessage(), e);
        }
    }

    private void printWelcome(PrintWriter out, String base, SealgateConfig config, DemoSetup setup) {
        String sealgate = base + config.reservedPrefix().substring(1);
        String file = base + "files/purchase-order.pdf";
        out.println("Sealgate demo is running. Press Ctrl-C to stop.");
        out.println();
        out.println("  Documents (web page, through Sealgate):  " + base);
        out.println("  Health:                                  " + sealgate + "health");
        out.println("  Metrics:                                 " + sealgate + "metrics");
        out.println("  Config in use:                           " + dataDir.resolve("sealgate.yaml"));
        out.println("  Stored files:                            " + dataDir.resolve("saas"));
        out.println("  Trust anchor (dev CA root):              " + setup.rootPem());
        out.println();
        out.println("Users (Authorization: Bearer <token>):");
        out.println("  alice (requester, creates purchase orders):  " + setup.aliceToken());
        out.println("  bob   (manager, approves them):              " + setup.bobToken());
        out.println();
        out.println("Try it:");
        out.println("  # upload a PDF as alice: Sealgate signs it as its creator");
        out.println("  curl -T purchase-order.pdf -H 'Authorization: Bearer " + setup.aliceToken() + "' " + file);
        out.println("  # approve it as bob: his approval and the organisation seal are added");
        out.println("  curl -X POST -H 'Authorization: Bearer " + setup.bobToken() + "' " + file + "/approve");
        out.println("  # list documents (JSON: name, size, sha256, approvals)");
        out.println("  curl " + base + "files");
        out.println("  # download and verify it");
        out.println("  curl -o signed.pdf " + file);
        out.println("  sealgate verify signed.pdf --trust " + setup.rootPem() + " --offline");
        out.println("  # or play all of this at once");
        out.println("  sealgate demo --script");
        out.println();
        out.println("The web page's upload form cannot send a bearer token yet: browser signing arrives with the "
                + "authentication issue.");
        out.flush();
    }
}
