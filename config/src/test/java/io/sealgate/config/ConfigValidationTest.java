package io.sealgate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** One test per kind of config error, each asserting the exact error a person would read. */
class ConfigValidationTest {

    // As a build without the signing actions would load: these fixtures test how unavailable actions are reported.
    private final ConfigLoader loader = ConfigLoader.builder()
            .environment(Map.of("PORT", "s3cret-not-a-port")::get)
            .availableActions(java.util.Set.of(RouteAction.PASS))
            .build();

    private Path file;

    private List<ConfigError> errorsOf(String fixture) {
        file = ConfigLoaderTest.fixture(ConfigValidationTest.class, fixture);
        return loader.check(file);
    }

    private ConfigError error(int line, String key, String message) {
        return new ConfigError(Optional.of(file), line, key, message);
    }

    private String dir() {
        return file.getParent().toString();
    }

    @Test
    void yamlSyntaxErrorNamesTheParsersLine() {
        assertThat(errorsOf("syntax-error.yaml")).containsExactly(error(4, "yaml",
                "expected <block end>, but found '?' at column 3 (expected: well-formed YAML)"));
    }

    @Test
    void aDocumentThatIsNotAMappingIsRefused() {
        assertThat(errorsOf("not-a-mapping.yaml")).containsExactly(error(1, "yaml",
                "a list (expected: a mapping with keys reserved-prefix, server, listeners, upstreams, routes, token,"
                        + " organisation, signing, log, users, processes, key-rules, authentication)"));
    }

    @Test
    void unknownKeyListsTheAllowedKeysAndSuggestsTheNearMiss() {
        assertThat(errorsOf("unknown-key.yaml")).containsExactly(error(10, "routes[0].match.pathprefix",
                "unknown key, did you mean 'path-prefix'?"
                        + " (expected: one of methods, host, path, path-prefix, headers)"));
    }

    @Test
    void duplicateKeyNamesTheFirstLine() {
        assertThat(errorsOf("duplicate-key.yaml")).containsExactly(error(4, "listeners[0].port",
                "duplicate key, first on line 3 (expected: each key once)"));
    }

    @Test
    void wrongTypeShowsTheValueAndWhatWasExpected() {
        assertThat(errorsOf("wrong-type.yaml")).containsExactly(error(3, "listeners[0].port",
                "abc (expected: an integer 0-65535)"));
    }

    @Test
    void missingRequiredKeyIsReportedAtItsMapping() {
        assertThat(errorsOf("missing-key.yaml")).containsExactly(error(2, "listeners[0].port",
                "missing (expected: an integer 0-65535)"));
    }

    @Test
    void missingSectionsAreReported() {
        assertThat(errorsOf("missing-sections.yaml")).containsExactly(
                error(1, "upstreams", "missing (expected: at least one upstream)"),
                error(1, "routes", "missing (expected: at least one route)"));
    }

    @Test
    void emptySectionsAreReported() {
        assertThat(errorsOf("empty-sections.yaml")).containsExactly(
                error(1, "listeners", "empty (expected: at least one listener)"),
                error(2, "upstreams", "empty (expected: at least one upstream)"),
                error(3, "routes", "empty (expected: at least one route)"));
    }

    @Test
    void keysWrittenWithoutAValueAreRefusedRatherThanDefaulted() {
        assertThat(errorsOf("empty-values.yaml")).containsExactly(
                error(1, "server", "empty (expected: a mapping with keys io-threads, max-initial-line-bytes,"
                        + " max-header-bytes, idle-timeout, shutdown-grace, access-log)"),
                error(8, "listeners[0].tls.client-ca", "empty (expected: a readable file)"),
                error(12, "upstreams.saas.ca-bundle", "empty (expected: a readable file)"),
                error(16, "routes[0].match.host", "empty (expected: a host name without port, like docs.example.com)"),
                error(19, "token", "empty (expected: a mapping with keys library, label, pin)"));
    }

    @Test
    void valuesOutOfRangeAreRefused() {
        assertThat(errorsOf("out-of-range.yaml")).containsExactly(
                error(3, "listeners[0].port", "70000 (expected: an integer 0-65535)"),
                error(7, "upstreams.saas.pool-size", "0 (expected: an integer >= 1)"));
    }

    @Test
    void badDurationsAreRefused() {
        assertThat(errorsOf("bad-duration.yaml")).containsExactly(
                error(2, "server.idle-timeout", "5 seconds (expected: a positive duration like 250ms, 5s, 2m or 1h)"),
                error(9, "upstreams.saas.connect-timeout",
                        "0s (expected: a positive duration like 250ms, 5s, 2m or 1h)"));
    }

    @Test
    void upstreamUrlMustBeHttpOrHttps() {
        assertThat(errorsOf("bad-url.yaml")).containsExactly(error(6, "upstreams.saas.url",
                "ftp://files.example.com (expected: an http:// or https:// URL with a host and no user info,"
                        + " query or fragment)"));
    }

    @Test
    void filesTheConfigNamesMustBeReadable() {
        assertThat(errorsOf("unreadable-files.yaml")).containsExactly(
                error(5, "listeners[0].tls.certificate-chain",
                        "/nonexistent/chain.pem: no such file (expected: a readable file)"),
                error(6, "listeners[0].tls.private-key", "tls/missing-key.pem (resolved to " + dir()
                        + "/tls/missing-key.pem): no such file (expected: a readable file)"),
                error(10, "upstreams.saas.ca-bundle",
                        ". (resolved to " + dir() + "): is a directory (expected: a readable file)"),
                error(16, "token.library", "/nonexistent/libsofthsm2.so: no such file (expected: a readable file)"));
    }

    @Test
    void duplicateRouteNamesNameBothLines() {
        assertThat(errorsOf("duplicate-route-names.yaml")).containsExactly(error(11, "routes[1].name",
                "files: already used by routes[0] on line 8 (expected: a unique route name)"));
    }

    @Test
    void unknownUpstreamListsTheKnownOnes() {
        assertThat(errorsOf("unknown-upstream.yaml")).containsExactly(error(11, "routes[0].upstream",
                "sass: no such upstream, did you mean 'saas'? (expected: one of saas, storage)"));
    }

    @Test
    void actionsNotInThisBuildAreRefused() {
        assertThat(errorsOf("unavailable-action.yaml")).containsExactly(
                error(10, "routes[0].action",
                        "sign-upload (expected: pass; sign-upload, approve and verify-upload arrive with later"
                                + " releases)"),
                error(13, "routes[1].action", "sing: no such action (expected: pass; sign-upload, approve"
                        + " and verify-upload arrive with later releases)"));
    }

    @Test
    void invalidPathTemplateReusesThePathPatternMessage() {
        assertThat(errorsOf("invalid-path-template.yaml")).containsExactly(
                error(10, "routes[0].match.path",
                        "/files/{rest...}/meta (expected: {rest...} only as the last segment)"),
                error(16, "routes[1].match.path-prefix",
                        "set together with path (expected: exactly one of path and path-prefix)"));
    }

    @Test
    void undefinedEnvironmentVariableIsNamed() {
        assertThat(errorsOf("undefined-env.yaml")).containsExactly(error(14, "token.pin",
                "${SEALGATE_TOKEN_PIN} (expected: environment variable SEALGATE_TOKEN_PIN to be set)"));
    }

    @Test
    void unreadableFileReferenceIsNamed() {
        assertThat(errorsOf("unreadable-file-reference.yaml")).containsExactly(error(14, "token.pin",
                "${file:secrets/missing-pin} (resolved to " + dir()
                        + "/secrets/missing-pin): no such file (expected: a readable file holding the value)"));
    }

    @Test
    void tlsOptionsOnAPlainHttpUpstreamAreRefused() {
        assertThat(errorsOf("tls-on-http-upstream.yaml")).containsExactly(
                error(7, "upstreams.saas.ca-bundle",
                        "not used with http://127.0.0.1:9000 (expected: an https:// url when ca-bundle is set)"),
                error(9, "upstreams.saas.client-certificate", "not used with http://127.0.0.1:9000"
                        + " (expected: an https:// url when client-certificate is set)"));
    }

    @Test
    void substitutedValuesNeverAppearInMessages() {
        List<ConfigError> errors = errorsOf("secret-not-shown.yaml");

        assertThat(errors).containsExactly(error(3, "listeners[0].port", "${PORT} (expected: an integer 0-65535)"));
        assertThat(errors.get(0).toString()).doesNotContain("s3cret");
    }

    @Test
    void everyErrorIsReportedAtOnceInFileOrder() {
        assertThat(errorsOf("many-errors.yaml")).containsExactly(
                error(1, "reserved-prefix",
                        "sealgate (expected: a path that starts and ends with '/', like /.sealgate/)"),
                error(4, "listeners[0].port", "-1 (expected: an integer 0-65535)"),
                error(5, "listeners[1].host", "missing (expected: a host name or IP address to bind, like 127.0.0.1)"),
                error(6, "listeners[1].tsl", "unknown key, did you mean 'tls'? (expected: one of host, port, tls,"
                        + " authentication)"),
                error(9, "upstreams.saas.url", "docs.example.com (expected: an http:// or https:// URL with a host"
                        + " and no user info, query or fragment)"),
                error(10, "upstreams.saas.preserve-host", "yes (expected: true or false)"),
                error(14, "routes[0].match.methods[1]", "PUT POST (expected: an HTTP method like GET or PUT)"),
                error(17, "routes[1].name",
                        "files: already used by routes[0] on line 12 (expected: a unique route name)"),
                error(18, "routes[1].upstream", "nowhere: no such upstream (expected: one of saas)"),
                error(19, "routes[1].action",
                        "approve (expected: pass; sign-upload, approve and verify-upload arrive with later releases)"));
    }
}
