package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import io.sealgate.signing.log.LogEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A route's {@code authentication:} list over real sockets: a route that accepts only JWTs, one that accepts only
 * browser sessions, and a user known only to the IdP (no static token). A credential of a source the route does not
 * accept is refused with 401 {@code source_not_accepted} and the route's challenge; nothing is signed and the
 * upstream receives nothing.
 */
class RouteSourcesProxyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] DOCUMENT = "quarterly figures\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    private static AuthProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        proxy = new AuthProxy(dir, "", null, null, new AuthProxy.Extra("", """
                - name: jwt-only
                  match: {methods: [PUT], path: "/origin/jwt/{name}"}
                  upstream: origin
                  action: sign-upload
                  authentication: [jwt]
                - name: session-only
                  match: {methods: [PUT], path: "/origin/browser/{name}"}
                  upstream: origin
                  action: sign-upload
                  authentication: oidc-session
                """, "carol: {roles: [manager]}"));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static HttpResponse<String> put(String path, Map<String, String> headers) throws Exception {
        var all = new java.util.HashMap<>(headers);
        all.put("Content-Type", "text/plain");
        return proxy.send("PUT", path.substring(1), all, DOCUMENT);
    }

    private static String jwt(String user) throws Exception {
        return proxy.idp.mint(proxy.idp.claims(user, "sealgate").build(), JWSAlgorithm.RS256);
    }

    /** Asserts a 401 that left no trace: no signature, no log entry, nothing upstream; answers the JSON body. */
    private static JsonNode refused(String path, Map<String, String> headers, String challenge) throws Exception {
        long before = proxy.logSize();
        HttpResponse<String> response = put(path, headers);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(AuthProxy.values(response, "WWW-Authenticate")).containsExactly(challenge);
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).isEmpty();
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(proxy.originRequests(path)).isEmpty();
        return JSON.readTree(response.body());
    }

    @Test
    void aJwtOnlyRouteSignsWithAJwt() throws Exception {
        HttpResponse<String> response = put("/origin/jwt/a.txt", Map.of("Authorization", "Bearer " + jwt("alice")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).singleElement().asString()
                .startsWith("signer=alice; log=");
        assertThat(proxy.originRequests("/origin/jwt/a.txt")).hasSize(1);
    }

    @Test
    void aStaticTokenOnAJwtOnlyRouteIsRefusedNamingTheAcceptedSources() throws Exception {
        JsonNode body = refused("/origin/jwt/b.txt", Map.of("Authorization", "Bearer " + AuthConfigs.ALICE_TOKEN),
                "Bearer realm=\"sealgate\", error=\"invalid_token\"");

        assertThat(body.get("error").asText()).isEqualTo("source_not_accepted");
        assertThat(body.get("message").asText()).isEqualTo("this route does not accept static bearer tokens "
                + "(static-bearer); it accepts jwt (expected: Authorization: Bearer <a JWT from "
                + proxy.idp.issuer() + ">)");
    }

    @Test
    void aSessionCookieOnAJwtOnlyRouteIsRefused() throws Exception {
        String session = proxy.logIn("alice");

        JsonNode body = refused("/origin/jwt/c.txt", Map.of("Cookie", AuthProxy.SESSION_COOKIE + "=" + session),
                "Bearer realm=\"sealgate\"");

        assertThat(body.get("error").asText()).isEqualTo("source_not_accepted");
        assertThat(body.get("message").asText()).startsWith("this route does not accept session cookies "
                + "(oidc-session); it accepts jwt");
    }

    @Test
    void aJwtOnASessionOnlyRouteIsRefusedWithTheLoginChallenge() throws Exception {
        JsonNode body = refused("/origin/browser/d.txt", Map.of("Authorization", "Bearer " + jwt("alice")),
                "Sealgate realm=\"sealgate\", sources=\"oidc-session\", login=\"/.sealgate/auth/login\", "
                        + "error=\"source_not_accepted\"");

        assertThat(body.get("error").asText()).isEqualTo("source_not_accepted");
        assertThat(body.get("message").asText()).isEqualTo("this route does not accept bearer JWTs (jwt); it "
                + "accepts oidc-session (expected: a session from /.sealgate/auth/login)");
    }

    @Test
    void aSessionOnlyRouteWithoutACredentialAsksForALogin() throws Exception {
        JsonNode body = refused("/origin/browser/e.txt", Map.of(),
                "Sealgate realm=\"sealgate\", sources=\"oidc-session\", login=\"/.sealgate/auth/login\"");

        assertThat(body.get("error").asText()).isEqualTo("unauthenticated");
        assertThat(body.get("message").asText()).isEqualTo("this route signs as you: authenticate (expected: a "
                + "session from /.sealgate/auth/login)");
    }

    @Test
    void onASessionOnlyRouteTheUsersOwnBearerTokenGoesUpstreamUnchanged() throws Exception {
        String session = proxy.logIn("alice");

        HttpResponse<String> response = put("/origin/browser/f.txt", Map.of("Cookie", AuthProxy.SESSION_COOKIE
                + "=" + session, "Authorization", "Bearer saas-token-of-alice"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).singleElement().asString()
                .startsWith("signer=alice; log=");
        var upstream = proxy.originRequests("/origin/browser/f.txt");
        assertThat(upstream).hasSize(1);
        assertThat(upstream.get(0).headers().getAll("Authorization")).containsExactly("Bearer saas-token-of-alice");
        assertThat(upstream.get(0).headers().get("Cookie")).isNull();
    }

    @Test
    void aUserWithoutAStaticTokenSignsWhenTheIdpNamesThem() throws Exception {

        HttpResponse<String> response = put("/origin/signed/g.txt", Map.of("Authorization", "Bearer "
                + jwt("carol")));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).singleElement().asString()
                .startsWith("signer=carol; log=");
        LogEntry entry = proxy.entryNamedIn(AuthProxy.values(response, "Sealgate-Signature").get(0));
        assertThat(entry.userId()).isEqualTo("carol");
        assertThat(entry.keyLabel()).isEqualTo("carol");
        assertThat(entry.authentication().source()).isEqualTo("jwt");
    }
}
