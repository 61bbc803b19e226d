package io.sealgate.signing.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.signing.keys.KeyInfo;
import io.sealgate.signing.keys.KeyStatus;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.keys.VaultFixture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

/** Bringing a token to what the service needs, as often as one likes. */
class SealgateTokenTest {

    private SoftHsmToken token;
    private KeyVault vault;

    @BeforeEach
    void setUp() {
        token = SoftHsmToken.create("bootstrap");
    }

    @AfterEach
    void tearDown() {
        if (vault != null) {
            vault.close();
        }
        token.close();
    }

    @Test
    void initialisingTwiceKeepsEveryKeyAndCertificate() throws Exception {
        vault = KeyVault.open(VaultFixture.config(token), KeyUsageGuard.ALLOW_ALL);
        SealgateToken first = SealgateToken.initialize(vault, "Acme, Inc.", "acme-seal");
        KeyInfo alice = first.enrolUser("alice", "alice-key", Set.of("buyer", "admin"));
        var before = vault.list();

        SealgateToken second = SealgateToken.initialize(vault, "Acme, Inc.", "acme-seal");
        KeyInfo again = second.enrolUser("alice", "alice-key", Set.of("buyer", "admin"));

        assertThat(vault.list()).extracting(KeyInfo::label).containsExactly("acme-seal", "alice-key",
                "sealgate-dev-ca", "sealgate-log", "sealgate-tsa");
        assertThat(vault.list()).extracting(k -> k.certificate().getSerialNumber())
                .containsExactlyElementsOf(before.stream().map(k -> k.certificate().getSerialNumber()).toList());
        assertThat(again.certificate()).isEqualTo(alice.certificate());
        assertThat(vault.list()).extracting(KeyInfo::status).containsOnly(KeyStatus.ENABLED);
    }

    @Test
    void certificatesNameWhatTheVerifierReadsBack() throws Exception {
        vault = KeyVault.open(VaultFixture.config(token), KeyUsageGuard.ALLOW_ALL);
        SealgateToken sealgate = SealgateToken.initialize(vault, "Acme, Inc.", "acme-seal");

        assertThat(sealgate.enrolUser("alice", "alice-key", Set.of("buyer", "admin")).subject())
                .isEqualTo("OU=buyer,OU=admin,O=Acme\\, Inc.,CN=alice,UID=alice");
        assertThat(vault.info("acme-seal").orElseThrow().subject()).isEqualTo("O=Acme\\, Inc.,CN=Acme\\, Inc. e-seal");
        assertThat(vault.info("acme-seal").orElseThrow().issuer()).isEqualTo("O=Acme\\, Inc.,CN=Sealgate Dev CA");
    }
}
