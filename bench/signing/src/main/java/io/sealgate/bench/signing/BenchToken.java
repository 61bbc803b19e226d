package io.sealgate.bench.signing;

import io.sealgate.config.Secret;
import io.sealgate.config.TokenConfig;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.KeyUse;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyAlgorithm;
import io.sealgate.signing.keys.KeyVault;

import java.nio.file.Path;

import javax.security.auth.x500.X500Principal;

/**
 * The SoftHSM token every benchmark fork signs with: one token labelled {@value #LABEL} holding the dev CA and an
 * EC P-256 key {@value #KEY} certified by it. Prepared once by {@link SigningBenchmarkMain} before JMH forks; the
 * forks inherit {@code SOFTHSM2_CONF}, so it is the only token they see (slot list index 0 for EU DSS).
 */
final class BenchToken {

    static final String LABEL = "sealgate-bench";
    static final String KEY = "bench";
    static final Path LIBRARY = SoftHsmToken.DEFAULT_LIBRARY;
    static final String PIN = SoftHsmToken.USER_PIN;

    private BenchToken() {
    }

    static void prepare() throws Exception {
        SoftHsmToken.createLabelled(LABEL);
        try (KeyVault vault = open()) {
            DevCa ca = DevCa.initialize(vault, new X500Principal("CN=Sealgate Bench CA, O=Bench"));
            vault.enroll(KEY, KeyAlgorithm.EC_P256, new X500Principal("CN=Bench Signer, O=Bench"));
            ca.certify(KEY, DevCa.Profile.USER);
        }
    }

    static KeyVault open() throws Exception {
        return KeyVault.open(new TokenConfig(LIBRARY, LABEL, new Secret(PIN)), KeyUsageGuard.ALLOW_ALL);
    }

    static SigningKey key(KeyVault vault) throws Exception {
        return vault.key(KEY, KeyUse.ownKey(KEY, "benchmark"));
    }
}
