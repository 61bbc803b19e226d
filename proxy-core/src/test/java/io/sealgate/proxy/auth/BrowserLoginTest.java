package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.sealgate.fixtures.oidc.FixtureIdp;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The browser login against the fixture IdP (discovery, PKCE, state, nonce), the session cookie it sets, and the
 * attacks on that cookie: tampering and replay after logout.
 */
class BrowserLoginTest {

    private static final String CALLBACK = "https://docs.example.com/.sealgate/auth/callback";

    @TempDir
    static Path dir;

    private static FixtureIdp idp;
    private static Authenticator auth;
    private static LoginEndpoints login;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        idp = FixtureIdp.start().client("sealgate", "client-s3cret", CALLBACK).user("alice", "buyers")
                .authentication("mfa", List.of("pwd", "otp"));
        auth = Authenticator.from(AuthConfigs.load(dir, """
                oidc-login:
                  issuer: %s
                  client-id: sealgate
                  client-secret: ${OIDC_SECRET}
                  redirect-uri: %s
                  cookie-secret: ${SESSION_KEY}
                  session-lifetime: 1h
                  algorithms: [RS256]
                  user-claim: preferred_username
                  roles-claim: groups
                """.formatted(idp.issuer(), CALLBACK)), AuthConfigs.ORGANISATION);
        login = auth.loginEndpoints().orElseThrow();
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    /** The value of cookie {@code name} in the Set-Cookie headers of {@code reply}. */
    private static String cookie(LoginEndpoints.Reply reply, String name) {
        return reply.setCookies().stream().filter(c -> c.startsWith(name + "=")).findFirst().orElseThrow()
                .split(";", 2)[0].substring(name.length() + 1);
    }

    private static HttpHeaders cookies(String... pairs) {
        return new DefaultHttpHeaders().set("Cookie", String.join("; ", pairs));
    }

    /** Logs {@code user} in through the IdP; answers the callback's reply. */
    private static LoginEndpoints.Reply logIn(String user, String returnTo) throws Exception {
        LoginEndpoints.Reply start = login.handle("GET", "auth/login", "/.sealgate/auth/login?return_to=" + returnTo
                + "&login_hint=" + user, new DefaultHttpHeaders()).get();
        String loginCookie = cookie(start, "__Host-sealgate-login");
        URI authorize = URI.create(((LoginEndpoints.Reply.Redirect) start).location());
        HttpResponse<Void> idpAnswer = HTTP.send(HttpRequest.newBuilder(authorize).build(),
                HttpResponse.BodyHandlers.discarding());
        URI back = URI.create(idpAnswer.headers().firstValue("Location").orElseThrow());
        return login.handle("GET", "auth/callback", back.getRawPath() + "?" + back.getRawQuery(),
                cookies("__Host-sealgate-login=" + loginCookie)).get();
    }

    @Test
    void loginRedirectsToTheIdpWithPkceStateAndNonce() throws Exception {
        LoginEndpoints.Reply reply = login.handle("GET", "auth/login", "/.sealgate/auth/login",
                new DefaultHttpHeaders()).get();
        String location = ((LoginEndpoints.Reply.Redirect) reply).location();
        assertThat(location).startsWith(idp.issuer() + "/authorize?response_type=code&client_id=sealgate&redirect_uri="
                + "https%3A%2F%2Fdocs.example.com%2F.sealgate%2Fauth%2Fcallback&scope=openid&state=")
                .contains("&nonce=").contains("&code_challenge=").endsWith("&code_challenge_method=S256");
        assertThat(reply.setCookies()).singleElement().asString().startsWith("__Host-sealgate-login=")
                .endsWith("; Path=/; Max-Age=600; HttpOnly; Secure; SameSite=Lax");
    }

    @Test
    void aCompletedLoginSetsTheSessionCookieThatNamesTheUser() throws Exception {
        LoginEndpoints.Reply reply = logIn("alice", "/files/po-17.pdf");

        assertThat(((LoginEndpoints.Reply.Redirect) reply).location()).isEqualTo("/files/po-17.pdf");
        assertThat(reply.setCookies().get(0)).startsWith("__Host-sealgate-session=")
                .endsWith("; Path=/; Max-Age=3600; HttpOnly; Secure; SameSite=Lax");
        assertThat(reply.setCookies().get(1)).isEqualTo("__Host-sealgate-login=; Path=/; Max-Age=0; HttpOnly; "
                + "Secure; SameSite=Lax");
        Decision.Allowed allowed = (Decision.Allowed) auth.authenticate(AuthRequest.of(cookies(
                "saas=1", "__Host-sealgate-session=" + cookie(reply, "__Host-sealgate-session"))));
        assertThat(allowed.user().identity().userId()).isEqualTo("alice");
        assertThat(allowed.user().identity().roles()).containsExactlyInAnyOrder("requester", "buyers");
        assertThat(allowed.user().authentication().source()).isEqualTo("oidc-session");
        assertThat(allowed.user().authentication().acr()).contains("mfa");
        assertThat(allowed.user().authentication().authTime()).isPresent();
        assertThat(allowed.login().amr()).containsExactly("pwd", "otp");
        assertThat(allowed.user().authorizationConsumed()).isFalse();
    }

    @Test
    void aTamperedSessionCookieIsRefused() throws Exception {
        String session = cookie(logIn("alice", "/"), "__Host-sealgate-session");
        char last = session.charAt(session.length() - 5);
        String tampered = session.substring(0, session.length() - 5) + (last == 'A' ? 'B' : 'A')
                + session.substring(session.length() - 4);

        Decision.Denied denied = (Decision.Denied) auth.authenticate(AuthRequest.of(cookies(
                "__Host-sealgate-session=" + tampered)));
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.code()).isEqualTo("invalid_session");
        assertThat(denied.message()).isEqualTo("session cookie: does not authenticate (tampered, or sealed with "
                + "another cookie-secret); log in again at /.sealgate/auth/login");
    }

    @Test
    void aLoggedOutSessionCookieReplayedIsRefused() throws Exception {
        String session = cookie(logIn("alice", "/"), "__Host-sealgate-session");
        HttpHeaders headers = cookies("__Host-sealgate-session=" + session);
        assertThat(auth.authenticate(AuthRequest.of(headers))).isInstanceOf(Decision.Allowed.class);

        LoginEndpoints.Reply out = login.handle("POST", "auth/logout", "/.sealgate/auth/logout", headers).get();
        assertThat(out.setCookies()).containsExactly("__Host-sealgate-session=; Path=/; Max-Age=0; HttpOnly; "
                + "Secure; SameSite=Lax");

        Decision.Denied denied = (Decision.Denied) auth.authenticate(AuthRequest.of(headers));
        assertThat(denied.code()).isEqualTo("invalid_session");
        assertThat(denied.message()).isEqualTo("session cookie: logged out; log in again at /.sealgate/auth/login");
    }

    @Test
    void aCallbackWithoutTheLoginCookieIsRefusedBeforeTheCodeIsExchanged() throws Exception {
        int before = idp.tokenRequests();
        LoginEndpoints.Reply.Failure failure = (LoginEndpoints.Reply.Failure) login.handle("GET", "auth/callback",
                "/.sealgate/auth/callback?code=stolen&state=guessed", new DefaultHttpHeaders()).get();
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.code()).isEqualTo("login_failed");
        assertThat(failure.message()).isEqualTo("login: no login in progress in this browser (the login cookie is "
                + "missing, expired or altered); start again at /.sealgate/auth/login");
        assertThat(idp.tokenRequests()).isEqualTo(before);
    }

    @Test
    void aCallbackWithAnotherStateIsRefused() throws Exception {
        LoginEndpoints.Reply start = login.handle("GET", "auth/login", "/.sealgate/auth/login",
                new DefaultHttpHeaders()).get();
        LoginEndpoints.Reply.Failure failure = (LoginEndpoints.Reply.Failure) login.handle("GET", "auth/callback",
                "/.sealgate/auth/callback?code=x&state=attacker",
                cookies("__Host-sealgate-login=" + cookie(start, "__Host-sealgate-login"))).get();
        assertThat(failure.message()).isEqualTo("login: the state parameter does not match this browser's login; "
                + "start again at /.sealgate/auth/login");
    }

    @Test
    void aLoginTheIdpRefusesEndsWithItsErrorCode() throws Exception {
        LoginEndpoints.Reply reply = logIn("mallory", "/");
        assertThat(((LoginEndpoints.Reply.Failure) reply).message()).isEqualTo("login: the identity provider "
                + "answered access_denied; start again at /.sealgate/auth/login");
    }

    @Test
    void returnToOutsideThisSiteIsIgnored() {
        assertThat(LoginEndpoints.returnTo(java.util.Optional.of("//evil.example.com/x"))).isEqualTo("/");
        assertThat(LoginEndpoints.returnTo(java.util.Optional.of("https://evil.example.com/"))).isEqualTo("/");
        assertThat(LoginEndpoints.returnTo(java.util.Optional.of("/\\evil.example.com"))).isEqualTo("/");
        assertThat(LoginEndpoints.returnTo(java.util.Optional.of("/files/a.pdf?x=1"))).isEqualTo("/files/a.pdf?x=1");
    }
}
