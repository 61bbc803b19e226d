package io.sealgate.signing.keys;

import io.sealgate.config.Secret;
import io.sealgate.config.TokenConfig;
import io.sealgate.fixtures.softhsm.SoftHsmToken;

/** Token settings for a {@link SoftHsmToken}. */
public final class VaultFixture {

    private VaultFixture() {
    }

    public static TokenConfig config(SoftHsmToken token) {
        return new TokenConfig(token.library(), token.label(), new Secret(token.userPin()));
    }
}
