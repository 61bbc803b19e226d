package io.sealgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The signing sections and route settings are read into the records, with their defaults. */
class SigningConfigTest {

    static final String HEAD = """
            listeners: [{host: 127.0.0.1, port: 0}]
            upstreams: {saas: {url: "http://127.0.0.1:9000"}}
            token: {library: lib.so, label: sealgate, pin: "1234"}
            """;

    static final Map<String, String> ENV = Map.of(
            "ALICE_TOKEN", "alice-token-0123456789", "BOB_TOKEN", "bob-token-0123456789",
            "SEALGATE_LOG_PASSWORD", "log-s3cret");

    @TempDir
    Path dir;

    private Path file;

    @BeforeEach
    void createFiles() throws Exception {
        Files.writeString(dir.resolve("lib.so"), "");
        Files.createDirectories(dir.resolve("trust"));
        Files.writeString(dir.resolve("trust/partner-root.pem"), "");
        file = dir.resolve("sealgate.yaml");
    }

    static ConfigLoader loader() {
        return ConfigLoader.builder().environment(ENV::get)
                .availableActions(EnumSet.allOf(RouteAction.class)).build();
    }

    /** The errors {@code load} throws; fails when it loads. */
    static List<ConfigError> errorsOf(Callable<?> load) {
        try {
            load.call();
        } catch (ConfigException e) {
            return e.errors();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("loaded without errors");
    }

    private SealgateConfig load(String yaml) throws ConfigException {
        return loader().parse(HEAD + yaml, file);
    }

    @Test
    void everySigningKeyIsReadIntoTheRecords() throws Exception {
        SealgateConfig config = load("""
                organisation: {name: Acme Corp, seal-key: acme-seal}
                signing:
                  level: B-LTA
                  tsa: https://tsa.example.com/rfc3161
                  revocation: online
                  threads: 2
                  queue: 8
                  deadline: 10s
                  spool-dir: /var/tmp/sealgate-spool
                  max-document-size: 512KiB
                  trust: [trust/partner-root.pem]
                log:
                  store: postgres
                  jdbc-url: jdbc:postgresql://127.0.0.1:5432/sealgate
                  user: sealgate
                  password: ${SEALGATE_LOG_PASSWORD}
                  tree-head-every: 10
                  reservation-timeout: 90s
                users:
                  alice: {token: "${ALICE_TOKEN}", roles: [requester, buyer], key: alice-key}
                  bob: {token: "${BOB_TOKEN}"}
                key-rules:
                  - key: alice-key
                    templates: [purchase-order]
                    steps: [create]
                    routes: [upload]
                    valid-from: 2026-01-01T00:00:00Z
                    valid-until: 2027-01-01T01:00:00+01:00
                    daily-limit: 100
                  - {role: intern, daily-limit: 5}
                routes:
                  - {name: pass, upstream: saas, action: pass}
                """);

        assertThat(config.organisation()).contains(new OrganisationConfig("Acme Corp", "acme-seal"));
        assertThat(config.signing()).isEqualTo(new SigningSettings(SigningSettings.Level.B_LTA,
                Optional.of(URI.create("https://tsa.example.com/rfc3161")), SigningSettings.Revocation.ONLINE, 2, 8,
                Duration.ofSeconds(10), Path.of("/var/tmp/sealgate-spool"), 512 * 1024,
                List.of(dir.resolve("trust/partner-root.pem"))));
        assertThat(config.log()).isEqualTo(new LogConfig(LogConfig.Store.POSTGRES, dir.resolve("var/log"),
                Optional.of("jdbc:postgresql://127.0.0.1:5432/sealgate"), Optional.of("sealgate"),
                Optional.of(new Secret("log-s3cret")), 10, Duration.ofSeconds(90)));
        assertThat(config.users()).containsOnlyKeys("alice", "bob");
        assertThat(config.users().get("alice")).isEqualTo(new UserConfig("alice",
                new Secret("alice-token-0123456789"), Set.of("requester", "buyer"), "alice-key"));
        assertThat(config.users().get("bob")).isEqualTo(new UserConfig("bob", new Secret("bob-token-0123456789"),
                Set.of(), "bob"));
        assertThat(config.keyRules()).containsExactly(
                new KeyRuleConfig(Optional.of("alice-key"), Optional.empty(), List.of("purchase-order"),
                        List.of("create"), List.of("upload"), Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
                        Optional.of(Instant.parse("2027-01-01T00:00:00Z")), OptionalLong.of(100)),
                new KeyRuleConfig(Optional.empty(), Optional.of("intern"), List.of(), List.of(), List.of(),
                        Optional.empty(), Optional.empty(), OptionalLong.of(5)));
    }

    @Test
    void omittedSectionsTakeTheirDefaults() throws Exception {
        SealgateConfig config = load("""
                routes:
                  - {name: pass, upstream: saas, action: pass}
                """);

        assertThat(config.organisation()).isEmpty();
        assertThat(config.signing()).isEqualTo(SigningSettings.defaults(dir));
        assertThat(config.signing().spoolDir()).isEqualTo(dir.resolve("var/spool"));
        assertThat(config.signing().threads()).isEqualTo(2 * Runtime.getRuntime().availableProcessors());
        assertThat(config.signing().maxDocumentSize()).isEqualTo(100L * 1024 * 1024);
        assertThat(config.log()).isEqualTo(new LogConfig(LogConfig.Store.FILE, dir.resolve("var/log"),
                Optional.empty(), Optional.empty(), Optional.empty(), 1));
        assertThat(config.users()).isEmpty();
        assertThat(config.processes()).isEmpty();
        assertThat(config.keyRules()).isEmpty();
        assertThat(config.routes().get(0).options()).isEqualTo(RouteOptions.NONE);
    }

    @Test
    void organisationSealKeyAndUserKeyDefault() throws Exception {
        SealgateConfig config = load("""
                organisation: {name: Acme Corp}
                users:
                  alice: {token: "${ALICE_TOKEN}"}
                routes:
                  - {name: pass, upstream: saas, action: pass}
                """);

        assertThat(config.organisation()).contains(new OrganisationConfig("Acme Corp", "sealgate-seal"));
        assertThat(config.users().get("alice").key()).isEqualTo("alice");
    }

    @Test
    void processesAreReadAsWritten() throws Exception {
        SealgateConfig config = load("""
                processes:
                  purchase-order:
                    version: 3
                    steps:
                      - {id: create, meaning: create, users: [alice]}
                      - {id: review, meaning: review, roles: [manager]}
                      - parallel:
                          - {id: legal, meaning: approve, users: [carol]}
                          - {id: finance, meaning: approve, users: [erin, frank, grace], required: 2}
                    seal: org-seal
                  memo:
                    steps:
                      - {id: write, meaning: create, users: [alice, alice]}
                routes:
                  - {name: pass, upstream: saas, action: pass}
                """);

        assertThat(config.processes()).containsOnlyKeys("purchase-order", "memo");
        assertThat(config.processes().get("purchase-order")).isEqualTo(new ProcessConfig("purchase-order", 3, List.of(
                new ProcessConfig.StageConfig(false, List.of(
                        new ProcessConfig.StepConfig("create", "create", List.of("alice"), List.of(), 1))),
                new ProcessConfig.StageConfig(false, List.of(
                        new ProcessConfig.StepConfig("review", "review", List.of(), List.of("manager"), 1))),
                new ProcessConfig.StageConfig(true, List.of(
                        new ProcessConfig.StepConfig("legal", "approve", List.of("carol"), List.of(), 1),
                        new ProcessConfig.StepConfig("finance", "approve", List.of("erin", "frank", "grace"),
                                List.of(), 2)))),
                Optional.of("org-seal")));
        // Version defaults to 1; duplicates are kept for the process rules to point at.
        assertThat(config.processes().get("memo")).isEqualTo(new ProcessConfig("memo", 1, List.of(
                new ProcessConfig.StageConfig(false, List.of(
                        new ProcessConfig.StepConfig("write", "create", List.of("alice", "alice"), List.of(), 1)))),
                Optional.empty()));
    }

    @Test
    void routeSettingsAreReadPerAction() throws Exception {
        SealgateConfig config = load("""
                organisation: {name: Acme Corp}
                processes:
                  purchase-order:
                    steps: [{id: create, meaning: create, users: [alice]}]
                routes:
                  - name: upload
                    match: {methods: [PUT], path: "/t/{tenant}/files/{name}"}
                    upstream: saas
                    action: sign-upload
                    process: purchase-order
                    document: name
                    cades-output: client
                  - name: upload-default
                    match: {path: "/t/{tenant}/files/{name}"}
                    upstream: saas
                    action: sign-upload
                    cades-name: "/signatures/{tenant}/{name}.p7s"
                  - name: upload-prefix
                    match: {path-prefix: /any/}
                    upstream: saas
                    action: sign-upload
                  - name: approve
                    match: {path: "/files/{name}/approve"}
                    upstream: saas
                    action: approve
                    document-path: /files/{name}
                    step: review
                  - name: inbound
                    match: {path: "/inbox/{name}"}
                    upstream: saas
                    action: verify-upload
                    on-invalid: annotate
                """);

        List<RouteOptions> options = config.routes().stream().map(RouteConfig::options).toList();
        RouteOptions none = RouteOptions.NONE;
        assertThat(options).containsExactly(
                new RouteOptions(Optional.of("purchase-order"), Optional.of("name"), RouteOptions.CadesOutput.CLIENT,
                        Optional.empty(), Optional.empty(), Optional.empty(), none.onInvalid()),
                // The document defaults to the last path variable.
                new RouteOptions(Optional.empty(), Optional.of("name"), RouteOptions.CadesOutput.UPSTREAM,
                        Optional.of("/signatures/{tenant}/{name}.p7s"), Optional.empty(), Optional.empty(),
                        none.onInvalid()),
                none,
                new RouteOptions(Optional.empty(), Optional.empty(), none.cadesOutput(), Optional.empty(),
                        Optional.of("/files/{name}"), Optional.of("review"), none.onInvalid()),
                new RouteOptions(Optional.empty(), Optional.empty(), none.cadesOutput(), Optional.empty(),
                        Optional.empty(), Optional.empty(), RouteOptions.OnInvalid.ANNOTATE));
    }

    @Test
    void byteSizesAcceptPlainBytesAndBinaryUnits() throws Exception {
        for (Map.Entry<String, Long> size : Map.of("1", 1L, "4096", 4096L, "2KiB", 2048L, "3MiB", 3L << 20,
                "2GiB", 2L << 30).entrySet()) {
            SealgateConfig config = load("signing: {max-document-size: " + size.getKey() + "}\n"
                    + "routes: [{name: pass, upstream: saas, action: pass}]\n");
            assertThat(config.signing().maxDocumentSize()).as(size.getKey()).isEqualTo(size.getValue());
        }
    }

    @Test
    void oldConstructorsDefaultTheNewParts() {
        RouteConfig route = new RouteConfig("r", new RouteMatch(Set.of(), Optional.empty(), PathPattern.prefix("/"),
                List.of()), "saas", RouteAction.PASS);
        SealgateConfig config = new SealgateConfig(Optional.of(dir.resolve("x.yaml")), "/.sealgate/",
                ServerSettings.defaults(), List.of(), Map.of(), List.of(route), Optional.empty());

        assertThat(route.options()).isEqualTo(RouteOptions.NONE);
        assertThat(config.signing()).isEqualTo(SigningSettings.defaults(dir));
        assertThat(config.log()).isEqualTo(LogConfig.defaults(dir));
        assertThat(config.organisation()).isEmpty();
        assertThat(config.users()).isEmpty();
    }

    @Test
    void signingActionsAreRefusedWhenTheBuildLeavesThemOut() {
        List<ConfigError> errors = errorsOf(() -> ConfigLoader.builder().environment(ENV::get)
                .availableActions(Set.of(RouteAction.PASS)).build().parse(HEAD + """
                organisation: {name: Acme Corp}
                routes:
                  - {name: upload, upstream: saas, action: sign-upload, process: none}
                """, file));

        assertThat(errors).containsExactly(new ConfigError(Optional.of(file), 6, "routes[0].action",
                "sign-upload (expected: pass; sign-upload, approve and verify-upload arrive with later releases)"));
    }

    @Test
    void availableActionsNamesTheRestAsLater() {
        List<ConfigError> errors = errorsOf(() -> ConfigLoader.builder().environment(ENV::get)
                .availableActions(Set.of(RouteAction.PASS, RouteAction.VERIFY_UPLOAD)).build().parse(HEAD + """
                routes:
                  - {name: upload, upstream: saas, action: approve, document-path: /x}
                """, file));

        assertThat(errors).containsExactly(new ConfigError(Optional.of(file), 5, "routes[0].action",
                "approve (expected: pass, verify-upload; sign-upload and approve arrive with later releases)"));
    }
}
