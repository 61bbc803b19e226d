package io.sealgate.proxy.actions;

import io.sealgate.config.ConfigLoader;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.TokenConfig;
import io.sealgate.config.Secret;
import io.sealgate.fixtures.saas.FixtureSaas;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.ProcessTemplates;
import io.sealgate.proxy.SealgateServer;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.service.SealgateToken;
import io.sealgate.signing.service.SigningService;
import io.sealgate.signing.service.SigningServiceSettings;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Set;

/**
 * A signing proxy on a free port in front of the fixture SaaS, over a fresh SoftHSM token holding Acme Corp's dev
 * CA, TSA, log and seal keys and the users alice (requester) and bob (manager). Process {@code purchase-order}:
 * create by alice, approve by a manager, organisation seal. Routes:
 * <pre>
 * inbound  PUT /files/{name} with header X-Inbound  verify-upload
 * upload   /files/{name} (GET etc. pass through)  sign-upload, purchase-order
 * approve  POST /files/{name}/approve               approve /files/{name}
 * form     POST /upload                             sign-upload (multipart), purchase-order
 * dead     PUT /dead/{name}                         sign-upload to an upstream nobody listens on
 * rest                                              pass
 * </pre>
 * The test owns the {@link SigningService} (the server uses it), so it can verify and read the log.
 */
public final class SigningProxy implements AutoCloseable {

    public static final String ALICE = "alice-token-0123456789";
    public static final String BOB = "bob-token-0123456789abc";
    public static final String CAROL = "carol-token-0123456789";
    static final String ORGANISATION = "Acme Corp";
    static final long MAX_DOCUMENT_BYTES = 1 << 20;

    final SoftHsmToken hsm;
    public final FixtureSaas saas;
    final Path storage;
    public final SigningService service;
    final SealgateServer server;
    public final URI base;
    final X509Certificate root;
    final SealgateConfig config;
    private final Path scratch;

    public SigningProxy(Path dir) throws Exception {
        this(dir, false);
    }

    /**
     * @param serverOwnsService start the server with {@link SealgateServer#start(SealgateConfig)}, which opens (and
     *                          closes) the signing service itself, as {@code sealgate serve} does; {@link #service}
     *                          is then null
     */
    SigningProxy(Path dir, boolean serverOwnsService) throws Exception {
        hsm = SoftHsmToken.create("proxy");
        TokenConfig token = new TokenConfig(hsm.library(), hsm.label(), new Secret(hsm.userPin()));
        try (KeyVault vault = KeyVault.open(token, KeyUsageGuard.ALLOW_ALL)) {
            SealgateToken sealgate = SealgateToken.initialize(vault, ORGANISATION, "sealgate-seal");
            sealgate.enrolUser("alice", "alice", Set.of("requester"));
            sealgate.enrolUser("bob", "bob", Set.of("manager"));
            sealgate.enrolUser("carol", "carol", Set.of("requester"));
            root = sealgate.devCa().root();
        }
        storage = dir.resolve("saas");
        scratch = Files.createDirectories(dir.resolve("scratch"));
        saas = FixtureSaas.start(storage, new InetSocketAddress("127.0.0.1", 0));
        Path file = dir.resolve("sealgate.yaml");
        Files.writeString(file, yaml(token, saas.baseUri(), deadPort(), dir), StandardCharsets.UTF_8);
        config = ConfigLoader.builder().validator(ProcessTemplates::validate).build().load(file);
        service = serverOwnsService ? null : SigningService.open(SigningServiceSettings.from(config));
        server = serverOwnsService ? SealgateServer.start(config) : SealgateServer.start(config, service);
        base = URI.create("http://127.0.0.1:" + server.boundAddresses().get(0).getPort() + "/");
    }

    public URI uri(String path) {
        return base.resolve(path);
    }

    /**
     * The file the fixture SaaS holds under {@code name}, fetched from it directly (not through the proxy) into a new
     * temporary file; a path that does not exist when the SaaS has no such file.
     */
    public Path stored(String name) throws Exception {
        Path copy = Files.createTempFile(scratch, "stored-", "-" + name);
        var response = Http.getBytes(saas.baseUri().resolve("files/" + name));
        if (response.statusCode() == 404) {
            Files.delete(copy);
            return copy;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("fixture SaaS answered " + response.statusCode() + " for " + name);
        }
        Files.write(copy, response.body());
        return copy;
    }

    private static int deadPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String yaml(TokenConfig token, URI saas, int deadPort, Path dir) {
        String upstream = saas.toString().endsWith("/") ? saas.toString().substring(0, saas.toString().length() - 1)
                : saas.toString();
        return """
                listeners:
                  - host: 127.0.0.1
                    port: 0
                upstreams:
                  saas:
                    url: %s
                  dead:
                    url: http://127.0.0.1:%d
                    connect-timeout: 2s
                token:
                  library: %s
                  label: %s
                  pin: "%s"
                organisation:
                  name: %s
                  seal-key: sealgate-seal
                signing:
                  threads: 2
                  queue: 16
                  deadline: 60s
                  spool-dir: %s
                  max-document-size: 1MiB
                log:
                  store: file
                  directory: %s
                users:
                  alice: {token: %s, roles: [requester]}
                  bob: {token: %s, roles: [manager]}
                  carol: {token: %s, roles: [requester]}
                processes:
                  purchase-order:
                    version: 1
                    steps:
                      - {id: create, meaning: create, users: [alice]}
                      - {id: approve, meaning: approve, roles: [manager]}
                    seal: org-seal
                routes:
                  - name: inbound
                    match: {methods: [PUT], path: "/files/{name}", headers: [{name: X-Inbound}]}
                    upstream: saas
                    action: verify-upload
                  - name: upload
                    match: {path: "/files/{name}"}
                    upstream: saas
                    action: sign-upload
                    process: purchase-order
                  - name: approve
                    match: {methods: [POST], path: "/files/{name}/approve"}
                    upstream: saas
                    action: approve
                    document-path: /files/{name}
                  - name: form
                    match: {methods: [POST], path: /upload}
                    upstream: saas
                    action: sign-upload
                    process: purchase-order
                  - name: dead
                    match: {methods: [PUT], path: "/dead/{name}"}
                    upstream: dead
                    action: sign-upload
                  - name: rest
                    upstream: saas
                    action: pass
                """.formatted(upstream, deadPort, token.library(), token.label(), token.pin().reveal(),
                ORGANISATION, dir.resolve("spool"), dir.resolve("log"), ALICE, BOB, CAROL);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (service != null) {
            service.close();
        }
        if (saas != null) {
            saas.close();
        }
        hsm.close();
    }
}
