package io.sealgate.proxy.cli;

import io.sealgate.config.ListenerConfig;
import io.sealgate.config.SealgateConfig;
import io.sealgate.proxy.SealgateServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/** Starting the proxy and keeping it up until stopped: what {@code serve}, {@code proxy} and {@code demo} share. */
final class ProxyRun {
    private ProxyRun() {}

    /** Starts the proxy; a listener that cannot bind is a {@link CliException} naming the address. */
    static SealgateServer start(SealgateConfig config) throws CliException {
        try {
            return SealgateServer.start(config);
        } catch (IOException e) {
            throw new CliException(ExitCode.FAILURE, e.getMessage(), e);
        }
    }

    /** Blocks until Ctrl-C, SIGTERM or the test asks to stop; an interrupt counts as a stop request. */
    static void awaitStop(StopSignal signal) {
        try {
            signal.awaitStopRequest();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The base URL of each listener as a person would type it, in config order. */
    static List<String> urls(SealgateConfig config, SealgateServer server) {
        List<InetSocketAddress> bound = server.boundAddresses();
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < bound.size(); i++) {
            ListenerConfig listener = config.listeners().get(i);
            urls.add((listener.tls().isPresent() ? "https" : "http") + "://" + hostPort(bound.get(i)) + "/");
        }
        return urls;
    }

    static String hostPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        if (host.contains(":")) {
            int zone = host.indexOf('%');
            host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
        }
        return host + ":" + address.getPort();
    }
}
