package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A listener's {@code authentication:} list applies to the signing routes without their own, and a route's list
 * overrides it: here the listener takes only static tokens, the route {@code jwt-only} only JWTs.
 */
class ListenerSourcesProxyTest {

    private static final byte[] DOCUMENT = "delivery note\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    private static AuthProxy proxy;

    @BeforeAll
    static void start() throws Exception {
        proxy = new AuthProxy(dir, "", null, null, new AuthProxy.Extra(", authentication: [static-bearer]", """
                - name: jwt-only
                  match: {methods: [PUT], path: "/origin/jwt/{name}"}
                  upstream: origin
                  action: sign-upload
                  authentication: [jwt]
                """, ""));
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static HttpResponse<String> put(String path, String token) throws Exception {
        return proxy.send("PUT", path.substring(1), Map.of("Content-Type", "text/plain", "Authorization",
                "Bearer " + token), DOCUMENT);
    }

    private static String jwt() throws Exception {
        return proxy.idp.mint(proxy.idp.claims("alice", "sealgate").build(), JWSAlgorithm.RS256);
    }

    private static void assertRefused(String path, HttpResponse<String> response, String accepts) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        assertThat(new ObjectMapper().readTree(response.body()).get("error").asText())
                .isEqualTo("source_not_accepted");
        assertThat(new ObjectMapper().readTree(response.body()).get("message").asText()).contains(accepts);
        assertThat(AuthProxy.values(response, "WWW-Authenticate"))
                .containsExactly("Bearer realm=\"sealgate\", error=\"invalid_token\"");
        assertThat(proxy.originRequests(path)).isEmpty();
    }

    @Test
    void aRouteWithoutAListTakesTheListenersSources() throws Exception {
        long before = proxy.logSize();

        assertRefused("/origin/signed/a.txt", put("/origin/signed/a.txt", jwt()), "; it accepts static-bearer (");
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(put("/origin/signed/b.txt", AuthConfigs.ALICE_TOKEN).statusCode()).isEqualTo(200);
    }

    @Test
    void aRoutesListOverridesTheListeners() throws Exception {
        long before = proxy.logSize();

        assertRefused("/origin/jwt/c.txt", put("/origin/jwt/c.txt", AuthConfigs.ALICE_TOKEN), "; it accepts jwt (");
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(put("/origin/jwt/d.txt", jwt()).statusCode()).isEqualTo(200);
    }
}
