package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.signing.log.LogEntry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser login end to end: the proxy's login endpoints, the fixture IdP, a signed upload with the session
 * cookie into the fixture SaaS, logout, and the replay of the logged-out cookie. Cookies are carried by hand: they
 * are Secure ({@code __Host-}), which a cookie jar would not send over the test's plain HTTP.
 */
class BrowserLoginProxyTest {

    private static final String SESSION = "__Host-sealgate-session";
    private static final String LOGIN = "__Host-sealgate-login";

    @TempDir
    static Path dir;

    private static AuthProxy proxy;
    private static byte[] pdf;

    @BeforeAll
    static void start() throws Exception {
        proxy = new AuthProxy(dir);
        pdf = SampleDocuments.PDFBOX_PURCHASE_ORDER.bytes();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private static String cookie(HttpResponse<?> response, String name) {
        return response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
                .findFirst().orElseThrow(() -> new AssertionError("no " + name + " in " + response.headers()))
                .split(";", 2)[0].substring(name.length() + 1);
    }

    /** Logs {@code user} in through the proxy and the IdP; answers the session cookie's value. */
    private static String logIn(String user, String returnTo) throws Exception {
        HttpResponse<String> start = proxy.send("GET", ".sealgate/auth/login?login_hint=" + user + "&return_to="
                + returnTo, Map.of(), null);
        assertThat(start.statusCode()).as(start.body()).isEqualTo(303);
        URI authorize = URI.create(start.headers().firstValue("Location").orElseThrow());
        assertThat(authorize.toString()).startsWith(proxy.idp.issuer() + "/authorize?");
        HttpResponse<Void> idp = proxy.http.send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.discarding());
        URI callback = URI.create(idp.headers().firstValue("Location").orElseThrow());
        assertThat(callback.getRawPath()).isEqualTo("/.sealgate/auth/callback");
        HttpResponse<String> back = proxy.send("GET", callback.getRawPath().substring(1) + "?"
                + callback.getRawQuery(), Map.of("Cookie", LOGIN + "=" + cookie(start, LOGIN)), null);
        assertThat(back.statusCode()).as(back.body()).isEqualTo(303);
        assertThat(back.headers().firstValue("Location")).contains(returnTo);
        return cookie(back, SESSION);
    }

    private static HttpResponse<String> upload(String name, String cookies) throws Exception {
        return proxy.send("PUT", "files/" + name, Map.of("Content-Type", "application/pdf", "Cookie", cookies), pdf);
    }

    @Test
    void aBrowserLoggedInThroughTheIdpSignsAnUploadAsItsUser() throws Exception {
        String session = logIn("alice", "/files/po-browser.pdf");

        HttpResponse<String> response = upload("po-browser.pdf", "saas_pref=compact; " + SESSION + "=" + session);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        String signature = response.headers().allValues("Sealgate-Signature").get(0);
        assertThat(signature).startsWith("signer=alice; step=create; log=");
        assertThat(proxy.stored("po-browser.pdf")).isTrue();
        LogEntry entry = proxy.entryNamedIn(signature);
        assertThat(entry.authentication().source()).isEqualTo("oidc-session");
        assertThat(entry.authentication().tokenIdSha256()).isPresent();
        assertThat(entry.authentication().authTime()).isPresent();
    }

    @Test
    void aLoggedOutSessionCookieReplayedSignsNothing() throws Exception {
        String session = logIn("alice", "/");
        HttpResponse<String> logout = proxy.send("POST", ".sealgate/auth/logout", Map.of("Cookie", SESSION + "="
                + session), null);
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(logout.headers().allValues("Set-Cookie")).contains(SESSION + "=; Path=/; Max-Age=0; HttpOnly; "
                + "Secure; SameSite=Lax");
        long before = proxy.logSize();

        HttpResponse<String> replay = upload("po-replay.pdf", SESSION + "=" + session);

        assertThat(replay.statusCode()).isEqualTo(401);
        var body = new ObjectMapper().readTree(replay.body());
        assertThat(body.get("error").asText()).isEqualTo("invalid_session");
        assertThat(body.get("message").asText()).isEqualTo("session cookie: logged out; log in again at "
                + "/.sealgate/auth/login");
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(proxy.stored("po-replay.pdf")).isFalse();
    }

    @Test
    void aTamperedSessionCookieSignsNothing() throws Exception {
        String session = logIn("alice", "/");
        String tampered = session.substring(0, 10) + (session.charAt(10) == 'x' ? 'y' : 'x') + session.substring(11);
        long before = proxy.logSize();

        HttpResponse<String> response = upload("po-tampered.pdf", SESSION + "=" + tampered);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new ObjectMapper().readTree(response.body()).get("message").asText()).isEqualTo("session cookie:"
                + " does not authenticate (tampered, or sealed with another cookie-secret); log in again at "
                + "/.sealgate/auth/login");
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(proxy.stored("po-tampered.pdf")).isFalse();
    }

    @Test
    void aCallbackWithoutTheLoginCookieIsRefusedWith400() throws Exception {
        HttpResponse<String> response = proxy.send("GET", ".sealgate/auth/callback?code=stolen&state=x", Map.of(),
                null);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new ObjectMapper().readTree(response.body()).get("message").asText()).isEqualTo("login: no "
                + "login in progress in this browser (the login cookie is missing, expired or altered); start again"
                + " at /.sealgate/auth/login");
    }
}
