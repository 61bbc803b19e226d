package io.sealgate.proxy.auth;

import io.sealgate.config.ConfigLoader;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.Secret;
import io.sealgate.config.TokenConfig;
import io.sealgate.fixtures.oidc.FixtureIdp;
import io.sealgate.fixtures.saas.FixtureSaas;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.ProcessTemplates;
import io.sealgate.proxy.SealgateServer;
import io.sealgate.proxy.testing.TestOrigin;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.SignatureLog;
import io.sealgate.signing.service.SealgateToken;
import io.sealgate.signing.service.SigningService;
import io.sealgate.signing.service.SigningServiceSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A signing proxy in front of the fixture SaaS that authenticates with the fixture IdP: bearer JWTs
 * ({@code authentication.jwt}), browser sessions ({@code authentication.oidc-login}) and the static tokens. Users
 * alice (requester) and bob (manager) have keys in a fresh SoftHSM token. Routes: {@code upload} (sign-upload
 * {@code /files/{name}}, process purchase-order: create by alice, approve by a manager) and {@code approve}
 * ({@code POST /files/{name}/approve}); everything else passes. A recording {@link TestOrigin} stands behind
 * {@code signed} (sign-upload {@code PUT /origin/signed/{name}}, no process), {@code strict} (pass
 * {@code /strict/}, {@code forward-authorization: false}) and {@code origin} (pass {@code /origin/}). One event loop
 * serves every connection ({@code io-threads: 1}).
 */
final class AuthProxy implements AutoCloseable {

    static final String ORGANISATION = "Acme Corp";

    final SoftHsmToken hsm;
    final FixtureIdp idp;
    final FixtureSaas saas;
    final TestOrigin origin;
    final URI base;
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    AuthProxy(Path dir) throws Exception {
        this(dir, "", null);
    }

    /**
     * @param extraAuthentication YAML lines added under {@code authentication:} (unindented)
     * @param tls                 a TLS listener's certificate-chain, private-key and client-ca; null: plain HTTP
     */
    AuthProxy(Path dir, String extraAuthentication, ListenerTls tls) throws Exception {
        this(dir, extraAuthentication, tls, null);
    }

    /** @param jwksUrl where the jwt source fetches its keys; null: the fixture IdP's */
    AuthProxy(Path dir, String extraAuthentication, ListenerTls tls, URI jwksUrl) throws Exception {
        this(dir, extraAuthentication, tls, jwksUrl, new Extra("", "", ""));
    }

    /**
     * YAML added to the config: {@code listener} after the listener's port (like {@code , authentication: [jwt]}),
     * {@code routes} as route items before the others, {@code users} as entries under {@code users:}. A user
     * {@code carol} (manager) has a key in the token either way, and the IdP knows her.
     */
    record Extra(String listener, String routes, String users) {}

    /** The running signing service; replaced by {@link #restart}. */
    SigningService service;
    private SealgateServer server;
    private final Path configFile;

    AuthProxy(Path dir, String extraAuthentication, ListenerTls tls, URI jwksUrl, Extra extra) throws Exception {
        hsm = SoftHsmToken.create("auth");
        TokenConfig token = new TokenConfig(hsm.library(), hsm.label(), new Secret(hsm.userPin()));
        try (KeyVault vault = KeyVault.open(token, KeyUsageGuard.ALLOW_ALL)) {
            SealgateToken sealgate = SealgateToken.initialize(vault, ORGANISATION, "sealgate-seal");
            sealgate.enrolUser("alice", "alice", Set.of("requester"));
            sealgate.enrolUser("bob", "bob", Set.of("manager"));
            sealgate.enrolUser("carol", "carol", Set.of("manager"));
        }
        idp = FixtureIdp.start().user("alice", "buyers").user("bob").user("mallory").user("carol");
        saas = FixtureSaas.start(dir.resolve("saas"), new InetSocketAddress("127.0.0.1", 0));
        origin = TestOrigin.start();
        int port = freePort();
        String callback = "http://127.0.0.1:" + port + "/.sealgate/auth/callback";
        idp.client("sealgate", "client-s3cret", callback);
        String upstream = saas.baseUri().toString().replaceAll("/$", "");
        String yaml = """
                server: {io-threads: 1}
                listeners: [{host: 127.0.0.1, port: %d%s%s}]
                upstreams: {saas: {url: "%s"}, origin: {url: "%s"}}
                token: {library: %s, label: %s, pin: "%s"}
                organisation: {name: %s, seal-key: sealgate-seal}
                signing: {threads: 2, queue: 16, deadline: 60s, spool-dir: %s, max-document-size: 1MiB}
                log: {store: file, directory: %s}
                users:
                  alice: {token: %s, roles: [requester]}
                  bob: {token: %s, roles: [manager]}
                %s
                processes:
                  purchase-order:
                    version: 1
                    steps:
                      - {id: create, meaning: create, users: [alice]}
                      - {id: approve, meaning: approve, roles: [manager]}
                routes:
                %s
                  - name: signed
                    match: {methods: [PUT], path: "/origin/signed/{name}"}
                    upstream: origin
                    action: sign-upload
                  - {name: strict, match: {path-prefix: /strict/}, upstream: origin, action: pass,
                     forward-authorization: false}
                  - {name: origin, match: {path-prefix: /origin/}, upstream: origin, action: pass}
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
                  - {name: rest, upstream: saas, action: pass}
                authentication:
                  jwt:
                    issuer: %s
                    audience: sealgate
                    jwks-url: %s
                    algorithms: [RS256, ES256]
                    user-claim: preferred_username
                  oidc-login:
                    issuer: %s
                    client-id: sealgate
                    client-secret: ${OIDC_SECRET}
                    redirect-uri: %s
                    cookie-secret: ${SESSION_KEY}
                    algorithms: [RS256]
                    user-claim: preferred_username
                %s
                """.formatted(port, tls == null ? "" : ", tls: {certificate-chain: " + tls.certificateChain()
                        + ", private-key: " + tls.privateKey() + ", client-ca: " + tls.clientCa() + "}",
                extra.listener(), upstream, origin.baseUrl(), token.library(), token.label(), token.pin().reveal(),
                ORGANISATION, dir.resolve("spool"), dir.resolve("log"), AuthConfigs.ALICE_TOKEN,
                AuthConfigs.BOB_TOKEN, extra.users().indent(2).stripTrailing(),
                extra.routes().indent(2).stripTrailing(), idp.issuer(), jwksUrl == null ? idp.jwksUrl() : jwksUrl, idp.issuer(), callback,
                extraAuthentication.indent(2).stripTrailing());
        configFile = dir.resolve("sealgate.yaml");
        Files.writeString(configFile, yaml);
        base = URI.create((tls == null ? "http" : "https") + "://127.0.0.1:" + port + "/");
        startProxy();
    }

    /** Loads the config file afresh and starts the signing service and the proxy on it. */
    private void startProxy() throws Exception {
        SealgateConfig config = ConfigLoader.builder().validator(ProcessTemplates::validate)
                .environment(Map.of("OIDC_SECRET", "client-s3cret", "SESSION_KEY", AuthConfigs.SESSION_KEY)::get)
                .build().load(configFile);
        service = SigningService.open(SigningServiceSettings.from(config));
        try {
            server = SealgateServer.start(config, service);
        } catch (Exception e) {
            service.close();
            service = null;
            throw e;
        }
    }

    /** Stops the proxy and its signing service (the token, IdP and upstreams stay up). */
    void stopProxy() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (service != null) {
            service.close();
            service = null;
        }
    }

    /** A restart of Sealgate on the same port with the same files: a new config object, nothing kept in memory. */
    void restart() throws Exception {
        stopProxy();
        startProxy();
    }

    /** The session cookie's value after logging {@code user} in through the proxy and the IdP. */
    String logIn(String user) throws Exception {
        HttpResponse<String> start = send("GET", ".sealgate/auth/login?login_hint=" + user, Map.of(), null);
        if (start.statusCode() != 303) {
            throw new AssertionError("login: " + start.statusCode() + " " + start.body());
        }
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        HttpResponse<Void> atIdp = http.send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.discarding());
        URI callback = URI.create(atIdp.headers().firstValue("Location").orElseThrow());
        HttpResponse<String> back = send("GET", callback.getRawPath().substring(1) + "?" + callback.getRawQuery(),
                Map.of("Cookie", LOGIN_COOKIE + "=" + cookie(start, LOGIN_COOKIE)), null);
        if (back.statusCode() != 303) {
            throw new AssertionError("callback: " + back.statusCode() + " " + back.body());
        }
        return cookie(back, SESSION_COOKIE);
    }

    static final String SESSION_COOKIE = "__Host-sealgate-session";
    static final String LOGIN_COOKIE = "__Host-sealgate-login";

    static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + response.headers()))
                .split(";", 2)[0].substring(name.length() + 1);
    }

    /** A TLS listener's files. */
    record ListenerTls(Path certificateChain, Path privateKey, Path clientCa) {}

    HttpResponse<String> send(String method, String path, Map<String, String> headers, byte[] body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * How many signature entries the signature log holds. Delivery status leaves are not counted: the status of the
     * previous request is appended after its response was sent, so it may land while a later request is checked.
     */
    long logSize() throws Exception {
        SignatureLog log = service.log();
        return log.entries(0, log.size()).stream().filter(LogEntry.class::isInstance).count();
    }

    /** The signature entry whose index {@code text} names as {@code log=N}, e.g. a Sealgate-Signature header. */
    LogEntry entryNamedIn(String text) throws Exception {
        Matcher m = Pattern.compile("log=(\\d+)").matcher(text);
        if (!m.find()) {
            throw new AssertionError("no log=N in: " + text);
        }
        long index = Long.parseLong(m.group(1));
        return (LogEntry) service.log().entries(index, index + 1).get(0);
    }

    /** The origin's requests to {@code uri}. */
    List<io.sealgate.proxy.testing.TestOrigin.Recorded> originRequests(String uri) {
        return origin.requests().stream().filter(r -> r.uri().equals(uri)).toList();
    }

    /** Whether the fixture SaaS holds {@code name} (asked directly, not through the proxy). */
    boolean stored(String name) throws Exception {
        return http.send(HttpRequest.newBuilder(saas.baseUri().resolve("files/" + name)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    static List<String> values(HttpResponse<?> response, String header) {
        return response.headers().allValues(header);
    }

    private static int freePort() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        stopProxy();
        saas.close();
        origin.close();
        idp.close();
        hsm.close();
    }
}
