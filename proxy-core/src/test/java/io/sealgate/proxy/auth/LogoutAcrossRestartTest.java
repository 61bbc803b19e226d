package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logouts are kept in {@code revoked-sessions-file} (by default {@code var/state/revoked-sessions} next to the
 * config): a cookie logged out before a restart is still refused after it, with nothing signed or forwarded; a file
 * that does not parse stops the start with a sentence naming the file and line.
 */
class LogoutAcrossRestartTest {

    private static final byte[] DOCUMENT = "order 17\n".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dir;

    private AuthProxy proxy;

    @BeforeEach
    void start() throws Exception {
        proxy = new AuthProxy(dir);
    }

    @AfterEach
    void stop() {
        proxy.close();
    }

    private HttpResponse<String> upload(String name, String session) throws Exception {
        return proxy.send("PUT", "origin/signed/" + name, Map.of("Content-Type", "text/plain", "Cookie",
                AuthProxy.SESSION_COOKIE + "=" + session), DOCUMENT);
    }

    private Path revokedFile() {
        return dir.resolve("var/state/revoked-sessions");
    }

    @Test
    void aCookieLoggedOutBeforeARestartSignsNothingAfterIt() throws Exception {
        String session = proxy.logIn("alice");
        assertThat(upload("before.txt", session).statusCode()).isEqualTo(200);
        HttpResponse<String> logout = proxy.send("POST", ".sealgate/auth/logout", Map.of("Cookie",
                AuthProxy.SESSION_COOKIE + "=" + session), null);
        assertThat(logout.statusCode()).isEqualTo(303);
        // Answered only after the line is on disk.
        assertThat(Files.readAllLines(revokedFile())).hasSize(2).first().isEqualTo(RevokedSessions.HEADER);

        proxy.restart();
        long before = proxy.logSize();
        HttpResponse<String> replay = upload("replay.txt", session);

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(401);
        JsonNode body = new ObjectMapper().readTree(replay.body());
        assertThat(body.get("error").asText()).isEqualTo("invalid_session");
        assertThat(body.get("message").asText()).isEqualTo("session cookie: logged out; log in again at "
                + "/.sealgate/auth/login");
        assertThat(AuthProxy.values(replay, "Sealgate-Signature")).isEmpty();
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(proxy.originRequests("/origin/signed/replay.txt")).isEmpty();
    }

    @Test
    void aSessionNotLoggedOutStillWorksAfterARestart() throws Exception {
        String session = proxy.logIn("bob");

        proxy.restart();
        HttpResponse<String> response = upload("kept.txt", session);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).singleElement().asString()
                .startsWith("signer=bob; log=");
    }

    @Test
    void aCorruptRevokedSessionsFileStopsTheStart() throws Exception {
        proxy.stopProxy();
        Files.writeString(revokedFile(), RevokedSessions.HEADER + "\nnot a logout\n");

        assertThatThrownBy(proxy::restart).isInstanceOf(IOException.class).hasMessage("revoked-sessions-file: "
                + revokedFile() + " line 2: not '<sha-256 hex> <epoch seconds>'; Sealgate will not start with it, since logged-out sessions would be accepted again "
                + "(expected: a file only Sealgate writes; restore it, or delete it to forget every logout)");
    }
}
