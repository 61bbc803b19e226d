package io.sealgate.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private final ConfigLoader loader = ConfigLoader.builder()
            .environment(Map.of("SEALGATE_TOKEN_PIN", "1234", "BIND_HOST", "0.0.0.0", "BIND_PORT", "9443",
                    "UPSTREAM_HOST", "saas.internal")::get)
            .build();

    static Path fixture(Class<?> testClass, String name) {
        try {
            return Path.of(testClass.getResource("/" + testClass.getSimpleName() + "/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    private Path fixture(String name) {
        return fixture(ConfigLoaderTest.class, name);
    }

    @Test
    void everyKeyIsReadIntoTheRecords() throws Exception {
        Path file = fixture("full.yaml");
        Path dir = file.getParent();

        SealgateConfig config = loader.load(file);

        assertThat(config.source()).contains(file);
        assertThat(config.reservedPrefix()).isEqualTo("/_gate/");
        assertThat(config.server()).isEqualTo(new ServerSettings(4, 4096, 32768, Duration.ofSeconds(90),
                Duration.ofMinutes(2), ServerSettings.LogFormat.JSON));
        assertThat(config.listeners()).containsExactly(
                new ListenerConfig("127.0.0.1", 8443, Optional.of(new ListenerConfig.Tls(dir.resolve("tls/chain.pem"),
                        dir.resolve("tls/key.pem"), Optional.of(dir.resolve("tls/clients-ca.pem"))))),
                new ListenerConfig("::1", 0, Optional.empty()));
        assertThat(config.upstreams()).containsOnlyKeys("saas", "storage");
        assertThat(config.upstreams().get("saas")).isEqualTo(new UpstreamConfig("saas",
                URI.create("https://docs.example.com/api"), Duration.ofMillis(250), Duration.ofHours(1), 4, true,
                Optional.of(dir.resolve("upstream-ca.pem")),
                Optional.of(new UpstreamConfig.ClientCertificate(dir.resolve("tls/upstream-client.pem"),
                        dir.resolve("tls/upstream-client-key.pem")))));
        assertThat(config.token()).contains(new TokenConfig(dir.resolve("libpkcs11-placeholder.so"), "sealgate",
                new Secret("1234")));
    }

    @Test
    void routesKeepTheirOrderAndNormaliseMethodsAndHost() throws Exception {
        SealgateConfig config = loader.load(fixture("full.yaml"));

        assertThat(config.routes()).extracting(RouteConfig::name).containsExactly("files", "everything-else");
        RouteConfig files = config.routes().get(0);
        assertThat(files.match().methods()).isEqualTo(Set.of("GET", "PUT"));
        assertThat(files.match().host()).contains("docs.example.com");
        assertThat(files.match().path().isPrefix()).isFalse();
        assertThat(files.match().path().source()).isEqualTo("/files/{name}");
        assertThat(files.match().headers()).containsExactly(
                new RouteMatch.HeaderCondition("X-Tenant", Optional.of("acme")),
                new RouteMatch.HeaderCondition("Authorization", Optional.empty()));
        assertThat(files.upstream()).isEqualTo("saas");
        assertThat(files.action()).isEqualTo(RouteAction.PASS);
        RouteConfig rest = config.routes().get(1);
        assertThat(rest.match().path().isPrefix()).isTrue();
        assertThat(rest.match().path().source()).isEqualTo("/dav/");
        assertThat(config.upstreamOf(rest).baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9000"));
    }

    @Test
    void omittedKeysGetTheDocumentedDefaults() throws Exception {
        SealgateConfig config = loader.load(fixture("minimal.yaml"));

        assertThat(config.reservedPrefix()).isEqualTo("/.sealgate/");
        assertThat(config.server()).isEqualTo(ServerSettings.defaults());
        assertThat(config.listeners()).containsExactly(new ListenerConfig("127.0.0.1", 8080, Optional.empty()));
        assertThat(config.upstreams().get("saas")).isEqualTo(new UpstreamConfig("saas",
                URI.create("http://127.0.0.1:9000"), Duration.ofSeconds(5), Duration.ofSeconds(60), 16, false,
                Optional.empty(), Optional.empty()));
        RouteMatch match = config.routes().get(0).match();
        assertThat(match.methods()).isEmpty();
        assertThat(match.host()).isEmpty();
        assertThat(match.headers()).isEmpty();
        assertThat(match.path().isPrefix()).isTrue();
        assertThat(match.path().source()).isEqualTo("/");
        assertThat(config.token()).isEmpty();
    }

    @Test
    void environmentAndFileReferencesAreSubstituted() throws Exception {
        SealgateConfig config = loader.load(fixture("substitutions.yaml"));

        assertThat(config.listeners()).containsExactly(new ListenerConfig("0.0.0.0", 9443, Optional.empty()));
        assertThat(config.upstreams().get("saas").baseUrl()).isEqualTo(URI.create("http://saas.internal:9000"));
        // pin.txt holds "s3cret-from-file\n": exactly one trailing newline is dropped.
        assertThat(config.token().orElseThrow().pin().reveal()).isEqualTo("s3cret-from-file");
    }

    @Test
    void doubledDollarIsALiteralReference() throws Exception {
        SealgateConfig config = loader.load(fixture("substitutions.yaml"));

        assertThat(config.token().orElseThrow().label()).isEqualTo("${not-a-reference}");
    }

    @Test
    void mergeKeysFillInWhatAMappingDoesNotSetItself() throws Exception {
        SealgateConfig config = loader.load(fixture("merge-keys.yaml"));

        UpstreamConfig storage = config.upstreams().get("storage");
        assertThat(storage.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:9001"));
        assertThat(storage.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(storage.readTimeout()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void secretsAreMaskedWhenPrinted() throws Exception {
        SealgateConfig config = loader.load(fixture("full.yaml"));

        assertThat(config.token().orElseThrow().pin()).hasToString("******");
        assertThat(config.toString()).doesNotContain("1234");
    }

    @Test
    void parseResolvesRelativePathsAgainstTheDirectoryOfTheNameGiven() throws Exception {
        Path file = fixture("full.yaml");

        SealgateConfig config = loader.parse(Files.readString(file), file);

        assertThat(config).isEqualTo(loader.load(file));
    }

    @Test
    void checkReturnsNoErrorsForAValidConfig() {
        assertThat(loader.check(fixture("minimal.yaml"))).isEmpty();
    }

    @Test
    void aMissingConfigFileIsOneError(@TempDir Path dir) {
        Path missing = dir.resolve("sealgate.yaml");

        assertThat(loader.check(missing)).containsExactly(new ConfigError(Optional.of(missing), 0, "yaml",
                "no such file (expected: a readable UTF-8 YAML file)"));
    }

    @Test
    void loadThrowsEveryErrorAndItsMessageListsThemOnePerLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sealgate.yaml");
        Files.writeString(file, "listeners: []\nupstreams: {}\nroutes: []\n");

        assertThatThrownBy(() -> loader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":1: listeners: empty (expected: at least one listener)\n"
                        + file + ":2: upstreams: empty (expected: at least one upstream)\n"
                        + file + ":3: routes: empty (expected: at least one route)");
    }

    @Test
    void errorsPrintAsFileLineKeyAndMessage() {
        ConfigError error = new ConfigError(Optional.of(Path.of("sealgate.yaml")), 12, "routes[2].action",
                "sign-upload (expected: pass)");

        assertThat(error).hasToString("sealgate.yaml:12: routes[2].action: sign-upload (expected: pass)");
    }
}
