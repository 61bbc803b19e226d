package io.sealgate.signing.service;

import io.sealgate.config.ConfigException;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.Identity;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.ProcessTemplate;
import io.sealgate.policy.Step;
import io.sealgate.policy.StepMeaning;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.keys.VaultFixture;
import io.sealgate.signing.log.LogEntry;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;

/**
 * A SoftHSM token prepared by {@link SealgateToken} for organisation {@code acme}: alice (buyer, key labelled
 * {@code alice-key}), carol (legal), dave (finance), mallory (intern), and the seal key {@code acme-seal}.
 */
final class ServiceFixture implements AutoCloseable {

    static final Identity ALICE = Identity.of("alice", "acme", "buyer");
    static final Identity CAROL = Identity.of("carol", "acme", "legal");
    static final Identity DAVE = Identity.of("dave", "acme", "finance");
    static final Identity MALLORY = Identity.of("mallory", "acme", "intern");
    static final Map<String, String> USER_KEYS = Map.of("alice", "alice-key");

    final SoftHsmToken token;
    final X509Certificate root;
    final SigningServiceSettings settings;

    ServiceFixture(Path dir) throws Exception {
        token = SoftHsmToken.create("service");
        try (KeyVault vault = KeyVault.open(VaultFixture.config(token), KeyUsageGuard.ALLOW_ALL)) {
            SealgateToken sealgate = SealgateToken.initialize(vault, "acme", "acme-seal");
            sealgate.enrolUser("alice", "alice-key", Set.of("buyer"));
            sealgate.enrolUser("carol", "carol", Set.of("legal"));
            sealgate.enrolUser("dave", "dave", Set.of("finance"));
            sealgate.enrolUser("mallory", "mallory", Set.of("intern"));
            root = sealgate.devCa().root();
        }
        settings = SigningServiceSettings.defaults(VaultFixture.config(token), "acme", "acme-seal",
                SigningServiceSettings.LogSettings.file(dir.resolve("log")), dir.resolve("spool"))
                .withLevel(SignatureLevel.B_LT)
                .withUserKeys(USER_KEYS);
    }

    /** create (alice) &rarr; legal (role legal) &rarr; finance (dave) &rarr; organisation seal. */
    static ProcessTemplate purchaseOrder() throws ConfigException {
        return ProcessTemplate.builder("purchase-order", 1)
                .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                .step(Step.builder("legal", StepMeaning.REVIEW).roles("legal"))
                .step(Step.builder("finance", StepMeaning.APPROVE).users("dave"))
                .organisationSeal("seal")
                .build();
    }

    static RequestContext request(String id) {
        return new RequestContext("docs", id, LogEntry.Authentication.of("basic"));
    }

    @Override
    public void close() {
        token.close();
    }
}
