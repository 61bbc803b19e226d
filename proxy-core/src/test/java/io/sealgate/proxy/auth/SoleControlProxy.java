package io.sealgate.proxy.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTClaimsSet;
import io.sealgate.config.ConfigLoader;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.Secret;
import io.sealgate.config.TokenConfig;
import io.sealgate.fixtures.oidc.FixtureIdp;
import io.sealgate.fixtures.saas.FixtureSaas;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.proxy.SealgateServer;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.log.DeliveryStatus;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.LogLeaf;
import io.sealgate.signing.log.StatusChange;
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
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A signing proxy for many users: {@code userCount} users {@code user00}, {@code user01}, ... each with their own
 * key (label = user id) in one fresh SoftHSM token, listed under {@code users:} and authenticated by bearer JWTs from
 * the fixture IdP ({@code user-claim: preferred_username}). One route signs: {@code upload}, sign-upload of
 * {@code PUT /files/{name}} to the fixture SaaS, PAdES B-B, no process; everything else passes. The test owns the
 * {@link SigningService}, so it can read and verify the log.
 */
final class SoleControlProxy implements AutoCloseable {

    static final String ORGANISATION = "Acme Corp";

    final SoftHsmToken hsm;
    final FixtureIdp idp;
    final FixtureSaas saas;
    final SigningService service;
    final SealgateServer server;
    final URI base;
    final X509Certificate root;
    /** User id to a JWT naming them, valid for an hour. */
    final Map<String, String> jwts = new LinkedHashMap<>();
    /** User id to the SHA-256 of their JWT's id, as the log records it. */
    final Map<String, String> jtiSha256 = new HashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** @param queue the signing queue: how many requests may wait for one of the two signing threads */
    SoleControlProxy(Path dir, int userCount, int queue) throws Exception {
        List<String> users = new ArrayList<>();
        for (int i = 0; i < userCount; i++) {
            users.add(String.format("user%02d", i));
        }
        hsm = SoftHsmToken.create("load");
        try {
            TokenConfig token = new TokenConfig(hsm.library(), hsm.label(), new Secret(hsm.userPin()));
            try (KeyVault vault = KeyVault.open(token, KeyUsageGuard.ALLOW_ALL)) {
                SealgateToken sealgate = SealgateToken.initialize(vault, ORGANISATION, "sealgate-seal");
                for (String user : users) {
                    sealgate.enrolUser(user, user, Set.of("staff"));
                }
                root = sealgate.devCa().root();
            }
            idp = FixtureIdp.start();
            Instant expiry = Instant.now().plusSeconds(3600);
            for (String user : users) {
                idp.user(user);
                JWTClaimsSet claims = idp.claims(user, "sealgate").expirationTime(Date.from(expiry)).build();
                jwts.put(user, idp.mint(claims, JWSAlgorithm.RS256));
                jtiSha256.put(user, Login.sha256Hex(claims.getJWTID()));
            }
            saas = FixtureSaas.start(dir.resolve("saas"), new InetSocketAddress("127.0.0.1", 0));
            StringBuilder userLines = new StringBuilder();
            for (String user : users) {
                // users: requires a static token; nobody presents it here, every request carries the user's JWT.
                userLines.append("  ").append(user).append(": {token: ").append(user)
                        .append("-unused-static-token-0123456789, roles: [staff]}\n");
            }
            String yaml = """
                    listeners: [{host: 127.0.0.1, port: 0}]
                    upstreams: {saas: {url: "%s"}}
                    token: {library: %s, label: %s, pin: "%s"}
                    organisation: {name: %s, seal-key: sealgate-seal}
                    signing: {level: B-B, threads: 2, queue: %d, deadline: 60s, spool-dir: %s, max-document-size: 1MiB}
                    log: {store: file, directory: %s}
                    users:
                    %s
                    routes:
                      - name: upload
                        match: {methods: [PUT], path: "/files/{name}"}
                        upstream: saas
                        action: sign-upload
                      - {name: rest, upstream: saas, action: pass}
                    authentication:
                      jwt:
                        issuer: %s
                        audience: sealgate
                        jwks-url: %s
                        algorithms: [RS256]
                        user-claim: preferred_username
                    """.formatted(saas.baseUri().toString().replaceAll("/$", ""), token.library(), token.label(),
                    token.pin().reveal(), ORGANISATION, queue, dir.resolve("spool"), dir.resolve("log"),
                    userLines.toString().stripTrailing(), idp.issuer(), idp.jwksUrl());
            Path file = dir.resolve("sealgate.yaml");
            Files.writeString(file, yaml);
            SealgateConfig config = ConfigLoader.builder().build().load(file);
            service = SigningService.open(SigningServiceSettings.from(config));
            server = SealgateServer.start(config, service);
            base = URI.create("http://127.0.0.1:" + server.boundAddresses().get(0).getPort() + "/");
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    /** The file the fixture SaaS holds under {@code name}, asked directly (not through the proxy); null: none. */
    byte[] stored(String name) throws Exception {
        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(saas.baseUri().resolve("files/" + name))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() == 404) {
            return null;
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("fixture SaaS answered " + response.statusCode() + " for " + name);
        }
        return response.body();
    }

    /**
     * The whole log once every signature's delivery is recorded: the proxy records it after answering, so the last
     * few may still be on their way when the clients are done. Gives up after 30 s (the check then names the entry).
     */
    List<LogLeaf> settledLog() throws Exception {
        long giveUp = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<LogLeaf> leaves = service.log().entries(0, service.log().size());
            Set<Long> pending = new HashSet<>();
            for (int i = 0; i < leaves.size(); i++) {
                if (leaves.get(i) instanceof LogEntry entry && entry.delivery() == DeliveryStatus.PENDING) {
                    pending.add((long) i);
                } else if (leaves.get(i) instanceof StatusChange change) {
                    pending.remove(change.entryIndex());
                }
            }
            if (pending.isEmpty() || System.nanoTime() > giveUp) {
                return leaves;
            }
            Thread.sleep(100);
        }
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
        if (idp != null) {
            idp.close();
        }
        hsm.close();
    }
}
