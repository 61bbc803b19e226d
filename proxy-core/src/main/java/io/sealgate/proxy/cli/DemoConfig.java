package io.sealgate.proxy.cli;

import java.net.URI;

/**
 * The config {@code sealgate demo} runs with, written out as commented YAML so operators can read it, copy it and
 * start their own from it. The demo loads the file it wrote through {@code ConfigLoader}, exactly like
 * {@code sealgate serve --config} would.
 */
final class DemoConfig {
    private DemoConfig() {}

    static String yaml(String listenHost, int listenPort, URI saas, DemoSetup setup) {
        return """
                %s

                # The SoftHSM token the demo created, holding the users' keys, the seal key and the dev CA.
                token:
                  library: %s
                  label: %s
                  pin: ${file:%s}

                organisation:
                  name: %s
                  seal-key: %s

                signing:
                  # B-LT: the signatures carry their certificates' revocation data, so anyone can verify them
                  # offline with just the dev CA root (trust/root.pem).
                  level: B-LT
                  threads: 2
                  deadline: 30s
                  spool-dir: spool
                  max-document-size: 20MiB

                log:
                  store: file
                  directory: log

                # Static bearer tokens until real authentication arrives: Authorization: Bearer <token>.
                users:
                  alice:
                    token: ${file:%s}
                    roles: [requester]
                  bob:
                    token: ${file:%s}
                    roles: [manager]

                # A purchase order is created by alice, approved by a manager, then sealed by the organisation.
                processes:
                  purchase-order:
                    version: 1
                    steps:
                      - {id: create, meaning: create, users: [alice]}
                      - {id: approve, meaning: approve, roles: [manager]}
                    seal: org-seal

                # Routes are tried in order; the first match wins.
                routes:
                  # PUT a document: Sealgate signs it as the user (PDF: PAdES; other files: a .p7s beside it).
                  - name: upload
                    match:
                      methods: [PUT]
                      path: /files/{name}
                    upstream: saas
                    action: sign-upload
                    process: purchase-order
                  # The web page's upload form (multipart/form-data): the file part is replaced by the signed PDF.
                  - name: form-upload
                    match:
                      methods: [POST]
                      path: /upload
                    upstream: saas
                    action: sign-upload
                    process: purchase-order
                  # Approve: Sealgate fetches the document, stacks the approval (and the seal when that completes
                  # the process), writes it back, then forwards the approval.
                  - name: approve
                    match:
                      methods: [POST]
                      path: /files/{name}/approve
                    upstream: saas
                    action: approve
                    document-path: /files/{name}
                  # Everything else streams through unchanged.
                  - name: everything
                    match:
                      path-prefix: /
                    upstream: saas
                    action: pass
                """.formatted(head(listenHost, listenPort, saas), DemoSetup.LIBRARY,
                setup.token().label(), setup.pinFile(), DemoSetup.ORGANISATION, DemoSetup.SEAL_KEY,
                setup.tokenFile("alice"), setup.tokenFile("bob"));
    }

    /** A pass-only config of the same shape, without signing: for tests of the config commands. */
    static String yaml(String listenHost, int listenPort, URI saas) {
        return """
                %s

                # Routes are tried in order; the first match wins.
                routes:
                  - name: everything
                    match:
                      path-prefix: /
                    upstream: saas
                    # pass: requests and responses stream through unchanged.
                    action: pass
                """.formatted(head(listenHost, listenPort, saas));
    }

    /** The part both configs share: comments for newcomers, server settings, the listener and the upstream. */
    private static String head(String listenHost, int listenPort, URI saas) {
        return """
                # Sealgate demo config, written by `sealgate demo` each time it starts (edits are overwritten).
                # It is also a starting point for your own: copy it, point the upstream at your service, check it
                # with `sealgate config check FILE` and run it with `sealgate serve --config FILE`.

                # Sealgate answers paths under this prefix itself (health, metrics, verify, log); never forwarded.
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

                """.formatted(listenHost, listenPort, withoutTrailingSlash(saas)).stripTrailing();
    }

    private static String withoutTrailingSlash(URI uri) {
        String s = uri.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
