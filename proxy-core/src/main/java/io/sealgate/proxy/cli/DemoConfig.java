package io.sealgate.proxy.cli;

import java.net.URI;

/**
 * The config {@code sealgate demo} runs with, written out as commented YAML so operators can read it, copy it and
 * start their own from it. The demo loads the file it wrote through {@code ConfigLoader}, exactly like
 * {@code sealgate serve --config} would.
 */
final class DemoConfig {
    private DemoConfig() {}

    static String yaml(String listenHost, int listenPort, URI saas) {
        return """
                # Sealgate demo config, written by `sealgate demo` each time it starts (edits are overwritten).
                # It is also a starting point for your own: copy it, point the upstream at your service, check it
                # with `sealgate config check FILE` and run it with `sealgate serve --config FILE`.

                # Sealgate answers paths under this prefix itself (health, metrics); they are never forwarded.
                reserved-prefix: /.sealgate/

                server:
                  # How long in-flight requests may take to finish after Ctrl-C or SIGTERM.
                  shutdown-grace: 10s
                  # One access-log line per request on stdout: text or json.
                  access-log: text

                # Where the proxy accepts connections. 127.0.0.1 is this machine only; 0.0.0.0 accepts from others.
                listeners:
                  - host: %s
                    port: %d

                # The unmodified services behind the proxy. The demo's is the fixture SaaS, a small document store
                # that knows nothing about signatures.
                upstreams:
                  saas:
                    url: %s
                    connect-timeout: 5s
                    read-timeout: 60s

                # Routes are tried in order; the first match wins.
                routes:
                  - name: everything
                    match:
                      path-prefix: /
                    upstream: saas
                    # pass: requests and responses stream through unchanged. Signing actions come in later releases.
                    action: pass
                """.formatted(listenHost, listenPort, withoutTrailingSlash(saas));
    }

    private static String withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
