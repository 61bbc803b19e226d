package io.sealgate.proxy.e2e;

import io.sealgate.config.ConfigLoader;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.Secret;
import io.sealgate.config.TokenConfig;
import io.sealgate.fixtures.saas.FixtureSaas;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.ProcessTemplates;
import io.sealgate.proxy.SealgateServer;
import io.sealgate.proxy.actions.Http;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.service.SealgateToken;
import io.sealgate.signing.service.SigningService;
import io.sealgate.signing.service.SigningServiceSettings;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One organisation's Sealgate over real sockets: its own SoftHSM token (dev CA, TSA, log and seal keys, the given
 * users), its own fixture SaaS, and a proxy in front of it. Built in three phases: {@link #prepare} every
 * organisation's token, then {@link #enrol} each, then {@link #start} the proxies. SoftHSM shows a token created
 * after the module was initialised only once the vault re-initialises the module (docs/signing.md, "A lost token");
 * the sessions that closed vaults left behind are then stale, and when the garbage collector closes them by handle
 * they hit whichever new session reuses the number (seen as CKR_OBJECT_HANDLE_INVALID, and keys that vanish while
 * the proxies run). Creating every token before opening any avoids the re-initialisation.
 *
 * <p>Routes (all on the organisation's SaaS):
 * <pre>
 * inbound  PUT /files/{name} with header X-Inbound  verify-upload
 * upload   PUT /files/{name}                        sign-upload, with the first process given; with header
 *                                                  X-Process: ID, with process ID
 * approve  POST /files/{name}/approve               approve /files/{name}
 * rest                                             pass
 * </pre>
 * Signatures are B-LT: they carry their validation data, because another organisation cannot fetch revocation
 * information for a dev CA's certificates (they name no OCSP responder or CRL distribution point), so a B-T
 * document is indeterminate anywhere but at home. The test owns the {@link SigningService}, so it can verify with
 * the organisation's trust anchors.
 */
final class OrganisationProxy implements AutoCloseable {

    /** A user of the organisation: id, bearer token, roles. */
    record User(String id, String token, String role) {}

    final String name;
    final SoftHsmToken hsm;
    X509Certificate root;
    final FixtureSaas saas;
    private final Path dir;
    private final Map<String, User> users = new LinkedHashMap<>();
    private final TokenConfig token;
    SigningService service;
    SealgateServer server;
    URI base;

    private OrganisationProxy(Path dir, String name, List<User> users) throws Exception {
        this.dir = Files.createDirectories(dir);
        this.name = name;
        users.forEach(user -> this.users.put(user.id(), user));
        hsm = SoftHsmToken.create(name.toLowerCase(Locale.ROOT));
        token = new TokenConfig(hsm.library(), hsm.label(), new Secret(hsm.userPin()));
        saas = FixtureSaas.start(dir.resolve("saas"), new InetSocketAddress("127.0.0.1", 0));
    }

    /** Creates the organisation's (empty) token and starts its SaaS; no proxy yet. */
    static OrganisationProxy prepare(Path dir, String name, User... users) throws Exception {
        return new OrganisationProxy(dir, name, List.of(users));
    }

    /**
     * Starts the proxy, trusting {@code trusted} (besides its own dev CA) under {@code signing.trust}.
     *
     * @param processYaml the {@code processes:} section's body, or null for none (then uploads carry no process)
     */
    OrganisationProxy start(String processYaml, X509Certificate... trusted) throws Exception {
        String process = processYaml == null ? "" : "processes:\n" + processYaml.indent(2);
        return startWith(saas.baseUri(), process, routes(processIds(processYaml)), trusted);
    }

    /** The ids of the processes in a {@code processes:} body: its keys at column 0. */
    private static List<String> processIds(String processYaml) {
        return processYaml == null ? List.of() : processYaml.lines()
                .filter(line -> line.matches("[A-Za-z0-9].*:\\s*"))
                .map(line -> line.substring(0, line.indexOf(':'))).toList();
    }

    /**
     * Starts the proxy in front of {@code upstream} (named {@code saas} in the routes) with these {@code routes:}
     * entries and extra top-level sections (for example {@code authentication:}).
     */
    OrganisationProxy startWith(URI upstream, String extraYaml, String routesYaml, X509Certificate... trusted)
            throws Exception {
        Path file = dir.resolve("sealgate.yaml");
        Files.writeString(file, yaml(upstream, extraYaml, routesYaml, trustFiles(trusted)), StandardCharsets.UTF_8);
        SealgateConfig config = ConfigLoader.builder().validator(ProcessTemplates::validate).build().load(file);
        service = SigningService.open(SigningServiceSettings.from(config));
        server = SealgateServer.start(config, service);
        base = URI.create("http://127.0.0.1:" + server.boundAddresses().get(0).getPort() + "/");
        return this;
    }

    /**
     * Sets up every organisation's token (see {@link #enrol}), then lets go of the PKCS#11 sessions that vaults closed
     * before a re-initialisation left behind. The JDK closes such a session by its number once the garbage collector
     * finds it, and SoftHSM gives numbers out again after a re-initialisation, so a late close would end a live
     * session of the proxies (earlier test classes in the same JVM leave such sessions too). Collecting now and
     * opening one throwaway vault makes the JDK close them while nothing else is open.
     */
    static void enrolAll(OrganisationProxy... organisations) throws Exception {
        for (OrganisationProxy organisation : organisations) {
            organisation.enrol();
        }
        System.gc();
        Thread.sleep(200);
        try (KeyVault drain = KeyVault.open(organisations[0].token, KeyUsageGuard.ALLOW_ALL)) {
            drain.tokenLabel();
        }
    }

    /**
     * Sets the token up: dev CA, TSA, log and seal keys, the users' keys and certificates; returns the dev CA's root.
     * Call for every organisation before starting any, once every organisation's token exists.
     */
    X509Certificate enrol() throws Exception {
        try (KeyVault vault = KeyVault.open(token, KeyUsageGuard.ALLOW_ALL)) {
            SealgateToken sealgate = SealgateToken.initialize(vault, name, "seal");
            for (User user : users.values()) {
                sealgate.enrolUser(user.id(), user.id(), Set.of(user.role()));
            }
            root = sealgate.devCa().root();
        }
        return root;
    }

    private List<String> trustFiles(X509Certificate... trusted) throws Exception {
        List<String> trustFiles = new ArrayList<>();
        for (int i = 0; i < trusted.length; i++) {
            Path pem = dir.resolve("trust-" + i + ".pem");
            Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(trusted[i].getEncoded()) + "\n-----END CERTIFICATE-----\n");
            trustFiles.add(pem.toString());
        }
        return trustFiles;
    }

    URI uri(String path) {
        return base.resolve(path);
    }

    String tokenOf(String userId) {
        return users.get(userId).token();
    }

    /** The bytes the organisation's SaaS holds at {@code path}, fetched from it directly, not through the proxy. */
    byte[] stored(String path) throws Exception {
        var response = Http.getBytes(saas.baseUri().resolve(path));
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + "'s SaaS answered " + response.statusCode() + " for " + path);
        }
        return response.body();
    }

    /** Writes {@code bytes} to a new file in the organisation's scratch directory. */
    Path file(String name, byte[] bytes) throws Exception {
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        return Files.write(Files.createTempFile(scratch, "doc-", "-" + name), bytes);
    }

    /** The routes of the class comment; the first process is the upload default, each other one needs X-Process. */
    private static String routes(List<String> processIds) {
        StringBuilder uploads = new StringBuilder();
        for (int i = processIds.size() - 1; i >= 1; i--) {
            uploads.append("""
                    - name: upload-%1$s
                      match: {methods: [PUT], path: "/files/{name}", headers: [{name: X-Process, value: %1$s}]}
                      upstream: saas
                      action: sign-upload
                      process: %1$s
                    """.formatted(processIds.get(i)));
        }
        return """
                - name: inbound
                  match: {methods: [PUT], path: "/files/{name}", headers: [{name: X-Inbound}]}
                  upstream: saas
                  action: verify-upload
                %s- name: upload
                  match: {methods: [PUT], path: "/files/{name}"}
                  upstream: saas
                  action: sign-upload
                %s- name: approve
                  match: {methods: [POST], path: "/files/{name}/approve"}
                  upstream: saas
                  action: approve
                  document-path: /files/{name}
                - name: rest
                  upstream: saas
                  action: pass
                """.formatted(uploads, processIds.isEmpty() ? "" : "  process: " + processIds.get(0) + "\n");
    }

    private String yaml(URI upstream, String extraYaml, String routesYaml, List<String> trustFiles) {
        StringBuilder userLines = new StringBuilder("users:\n");
        users.values().forEach(u -> userLines.append("  ").append(u.id()).append(": {token: ").append(u.token())
                .append(", roles: [").append(u.role()).append("]}\n"));
        return """
                listeners:
                  - host: 127.0.0.1
                    port: 0
                upstreams:
                  saas:
                    url: %s
                token:
                  library: %s
                  label: %s
                  pin: "%s"
                organisation:
                  name: %s
                  seal-key: seal
                signing:
                  level: B-LT
                  threads: 2
                  queue: 16
                  deadline: 60s
                  spool-dir: %s
                  max-document-size: 1MiB
                  trust: [%s]
                log:
                  store: file
                  directory: %s
                """.formatted(upstream.toString().replaceAll("/$", ""), token.library(), token.label(),
                token.pin().reveal(), name, dir.resolve("spool"), String.join(", ", trustFiles), dir.resolve("log"))
                + userLines + extraYaml + "routes:\n" + routesYaml.indent(2);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (service != null) {
            service.close();
        }
        saas.close();
        hsm.close();
    }
}
