package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.sealgate.config.SealgateConfig;
import io.sealgate.fixtures.pki.TestPki;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Client certificates name the user only when a CA of the listener's client-ca issued them. */
class ClientCertificateTest {

    @TempDir
    static Path dir;

    private static TestPki clients;
    private static TestPki other;
    private static Authenticator auth;

    @BeforeAll
    static void load() throws Exception {
        clients = TestPki.create(dir.resolve("clients"), "Acme Clients CA");
        other = TestPki.create(dir.resolve("other"), "Evil CA");
        TestPki.Issued server = clients.issueServer("server");
        SealgateConfig base = AuthConfigs.load(dir, """
                mtls:
                  user-from: subject-cn
                """);
        var listener = new io.sealgate.config.ListenerConfig("127.0.0.1", 0, Optional.of(
                new io.sealgate.config.ListenerConfig.Tls(server.certificateChain(), server.privateKey(),
                        Optional.of(clients.caFile()))));
        SealgateConfig config = new SealgateConfig(base.source(), base.reservedPrefix(), base.server(),
                List.of(listener), base.upstreams(), base.routes(), base.token(), base.organisation(), base.signing(),
                base.log(), base.users(), base.processes(), base.keyRules(), base.authentication());
        auth = Authenticator.from(config, AuthConfigs.ORGANISATION);
    }

    private static Decision present(TestPki.Issued cert, TestPki ca) {
        return auth.authenticate(new AuthRequest(new DefaultHttpHeaders(), Optional.empty(),
                List.<X509Certificate>of(cert.certificate(), ca.caCertificate())));
    }

    @Test
    void aCertificateFromTheClientCaNamesItsCommonName() {
        Decision.Allowed allowed = (Decision.Allowed) present(clients.issueClient("alice", "alice"), clients);
        assertThat(allowed.user().identity().userId()).isEqualTo("alice");
        assertThat(allowed.user().authentication().source()).isEqualTo("mtls");
        assertThat(allowed.user().authentication().tokenIdSha256()).isPresent();
    }

    @Test
    void aCertificateFromAnotherCaIsRefused() {
        Decision.Denied denied = (Decision.Denied) present(other.issueClient("alice", "alice"), other);
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.code()).isEqualTo("invalid_certificate");
        assertThat(denied.message()).isEqualTo("client certificate CN=alice: not issued by a CA of the listener's "
                + "tls.client-ca");
    }

    @Test
    void aCertificateForAUserNotUnderUsersIsRefusedWith403() {
        Decision.Denied denied = (Decision.Denied) present(clients.issueClient("mallory", "mallory"), clients);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("no_key");
    }
}
