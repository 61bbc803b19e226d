package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A gateway's user header is believed from the gateway's addresses only, and never reaches the upstream. */
class TrustedHeaderTest {

    @TempDir
    static Path dir;

    private static Authenticator auth;

    @BeforeAll
    static void load() throws Exception {
        auth = Authenticator.from(AuthConfigs.load(dir, """
                trusted-header:
                  header: X-Authenticated-User
                  roles-header: X-Authenticated-Roles
                  trusted-sources: [10.1.2.0/24, "::1/128"]
                """), AuthConfigs.ORGANISATION);
    }

    private static Decision from(String address, HttpHeaders headers) throws Exception {
        return auth.authenticate(new AuthRequest(headers, Optional.of(InetAddress.getByName(address)), List.of()));
    }

    private static HttpHeaders alice() {
        return new DefaultHttpHeaders().set("X-Authenticated-User", "alice").set("X-Authenticated-Roles",
                "approver, buyer");
    }

    @Test
    void theHeaderFromTheGatewayNamesTheUserAndRoles() throws Exception {
        Decision.Allowed allowed = (Decision.Allowed) from("10.1.2.77", alice());
        assertThat(allowed.user().identity().userId()).isEqualTo("alice");
        assertThat(allowed.user().identity().roles()).isEqualTo(Set.of("requester", "approver", "buyer"));
        assertThat(allowed.user().authentication().source()).isEqualTo("trusted-header");
        assertThat(allowed.user().authorizationConsumed()).isFalse();
        assertThat(from("::1", alice())).isInstanceOf(Decision.Allowed.class);
    }

    @Test
    void theHeaderFromAnyOtherAddressIsRefused() throws Exception {
        Decision.Denied denied = (Decision.Denied) from("10.1.3.1", alice());
        assertThat(denied.status()).isEqualTo(401);
        assertThat(denied.code()).isEqualTo("untrusted_header");
        assertThat(denied.message()).isEqualTo("X-Authenticated-User: sent from 10.1.3.1, which is not in "
                + "authentication.trusted-header.trusted-sources");
    }

    @Test
    void theHeaderWithoutAKnownPeerIsNeverBelieved() {
        assertThat(auth.resolve(alice())).isEmpty();
    }

    @Test
    void aForgedHeaderIsRefusedEvenBesideAValidStaticToken() throws Exception {
        // The bearer token authenticates first; a forged gateway header is then never looked at for identity, and
        // UpstreamCredentials strips it before forwarding.
        HttpHeaders headers = alice().set("Authorization", "Bearer " + AuthConfigs.BOB_TOKEN);
        Decision.Allowed allowed = (Decision.Allowed) from("192.0.2.1", headers);
        assertThat(allowed.user().identity().userId()).isEqualTo("bob");
        auth.upstreamCredentials().strip(headers, false);
        assertThat(headers.names()).containsExactly("Authorization");
    }

    @Test
    void aRepeatedUserHeaderIsRefused() throws Exception {
        HttpHeaders headers = alice().add("X-Authenticated-User", "bob");
        assertThat(((Decision.Denied) from("10.1.2.1", headers)).message())
                .isEqualTo("X-Authenticated-User: blank or repeated (expected: one user id)");
    }

    @Test
    void aRequestBuiltFromTheListenersPeerCarriesItsAddress() {
        AuthRequest request = AuthRequest.of(alice(), new java.net.InetSocketAddress("10.1.2.3", 50000),
                Optional.empty());
        assertThat(auth.authenticate(request)).isInstanceOf(Decision.Allowed.class);
        assertThat(request.clientCertificates()).isEmpty();
    }
}
