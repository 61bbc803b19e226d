package io.sealgate.proxy.cli;

import io.sealgate.config.ListenerConfig;
import io.sealgate.config.SealgateConfig;
import io.sealgate.proxy.SealgateServer;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code sealgate proxy --listen HOST:PORT --to URL}: a pure pass-through proxy without a config file (like
 * {@code caddy reverse-proxy --from --to}): one listener, one upstream, one {@code pass} route for every path.
 */
@Command(name = "proxy", mixinStandardHelpOptions = true,
        description = "Pass everything from one address through to one upstream, without a config file.")
final class ProxyCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    private Main main;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "where to accept connections (default: ${DEFAULT-VALUE})")
    private String listen;

    @CommandLine.Option(names = "--to", required = true, paramLabel = "URL",
            description = "the upstream's base URL, like http://127.0.0.1:9000")
    private String to;

    @Override
    public Integer call() throws CliException {
        ListenerConfig listener = listenAddress();
        SealgateConfig config = PassThroughConfig.of(listener.host(), listener.port(), upstreamUrl());
        try (SealgateServer server = ProxyRun.start(config)) {
            spec.commandLine().getOut().println("sealgate: proxying " + ProxyRun.urls(config, server).get(0)
                    + " -> " + to);
            ProxyRun.awaitStop(main.stopSignal());
        }
        return ExitCode.OK;
    }

    private ListenerConfig listenAddress() {
        int colon = listen.lastIndexOf(':');
        String host = colon < 0 ? "" : listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = -1;
        try {
            port = Integer.parseInt(listen.substring(colon + 1));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (host.isEmpty() || port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--listen: " + listen
                    + " (expected: HOST:PORT with a port 0-65535, like 127.0.0.1:8080 or [::1]:8080)");
        }
        return new ListenerConfig(host, port, Optional.empty());
    }

    private URI upstreamUrl() {
        try {
            URI uri = new URI(to);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new CommandLine.ParameterException(spec.commandLine(), "--to: " + to
                + " (expected: an http:// or https:// URL without query, like http://127.0.0.1:9000)");
    }
}
