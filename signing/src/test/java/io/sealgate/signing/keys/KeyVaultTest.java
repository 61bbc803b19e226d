package io.sealgate.signing.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.config.Secret;
import io.sealgate.config.TokenConfig;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.KeyUse;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.SigningUnavailableException;

import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeyVaultTest {

    private static final byte[] DATA = "purchase order 17".getBytes();

    private SoftHsmToken token;
    private KeyVault vault;
    private DevCa ca;

    @BeforeEach
    void setUp() throws Exception {
        token = SoftHsmToken.create("vault");
        vault = KeyVault.open(VaultFixture.config(token), KeyUsageGuard.ALLOW_ALL);
        ca = DevCa.initialize(vault, new X500Principal("CN=Sealgate Dev CA, O=Acme"));
    }

    @AfterEach
    void tearDown() {
        vault.close();
        token.close();
    }

    @Test
    void enrolledPrivateKeyIsASensitiveNeverExtractableTokenObject() throws Exception {
        vault.enroll("alice", KeyAlgorithm.EC_P256, new X500Principal("CN=Alice, O=Acme"));

        String objects = token.listObjects();
        int alice = objects.indexOf("Private Key Object; EC");
        String aliceKey = objects.substring(alice, objects.indexOf("\n\n", alice) < 0 ? objects.length()
                : objects.indexOf("\n\n", alice));
        assertThat(objects).contains("label:      alice");
        assertThat(aliceKey).contains("sensitive, always sensitive, never extractable, local");
    }

    @Test
    void enrolledKeyIsPendingAndRefusesToSignUntilCertified() throws Exception {
        KeyInfo info = vault.enroll("alice", KeyAlgorithm.EC_P256, new X500Principal("CN=Alice, O=Acme"));

        assertThat(info.status()).isEqualTo(KeyStatus.PENDING);
        assertThat(info.algorithm()).isEqualTo("EC-P256");
        assertThatThrownBy(() -> vault.key("alice", KeyUse.ownKey("alice", "po-17.txt")))
                .isInstanceOf(KeyUseRefusedException.class)
                .hasMessage("cannot sign po-17.txt for alice: key 'alice' is not certified yet");
    }

    @Test
    void devCaCertifiesAUserKeyForSignaturesMadeInsideTheToken() throws Exception {
        vault.enroll("alice", KeyAlgorithm.EC_P256, new X500Principal("CN=Alice, O=Acme"));
        List<X509Certificate> chain = ca.certify("alice", DevCa.Profile.USER);

        SigningKey key = vault.key("alice", KeyUse.ownKey("alice", "po-17.txt"));
        byte[] signature = key.sign("SHA256withECDSA", DATA);

        X509Certificate cert = key.certificate();
        assertThat(chain).hasSize(2);
        cert.verify(ca.root().getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Alice,O=Acme");
        assertThat(cert.getKeyUsage()).startsWith(true, true); // digitalSignature, nonRepudiation
        Signature verifier = Signature.getInstance("SHA256withECDSA");
        verifier.initVerify(cert);
        verifier.update(DATA);
        assertThat(verifier.verify(signature)).isTrue();
        assertThat(vault.list()).extracting(KeyInfo::label, KeyInfo::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("alice", KeyStatus.ENABLED),
                org.assertj.core.groups.Tuple.tuple(DevCa.LABEL, KeyStatus.ENABLED));
    }

    @Test
    void rsaAndP384KeysCanBeEnrolled() throws Exception {
        vault.enroll("bob", KeyAlgorithm.RSA_3072, new X500Principal("CN=Bob"));
        vault.enroll("carol", KeyAlgorithm.EC_P384, new X500Principal("CN=Carol"));
        ca.certify("bob", DevCa.Profile.USER);
        ca.certify("carol", DevCa.Profile.USER);

        assertThat(vault.info("bob").orElseThrow().algorithm()).isEqualTo("RSA-3072");
        assertThat(vault.info("carol").orElseThrow().algorithm()).isEqualTo("EC-P384");
        byte[] rsaSignature = vault.key("bob", KeyUse.ownKey("bob", "x")).sign("SHA256withRSA", DATA);
        assertThat(rsaSignature).hasSize(384);
    }

    @Test
    void certificateFromAnExternalCaIsImportedAfterACsr() throws Exception {
        vault.enroll("seal", KeyAlgorithm.EC_P256, new X500Principal("CN=Acme e-seal, O=Acme"));
        String csr = vault.csr("seal");
        X509Certificate issued = ca.issue(csr, DevCa.Profile.SEAL);

        vault.importCertificate("seal", List.of(issued, ca.root()));

        KeyInfo info = vault.info("seal").orElseThrow();
        assertThat(csr).startsWith("-----BEGIN CERTIFICATE REQUEST-----");
        assertThat(info.status()).isEqualTo(KeyStatus.ENABLED);
        assertThat(info.subject()).isEqualTo("CN=Acme e-seal,O=Acme");
        assertThat(info.issuer()).isEqualTo("CN=Sealgate Dev CA,O=Acme");
    }

    @Test
    void certificateForAnotherPublicKeyIsRefused() throws Exception {
        vault.enroll("alice", KeyAlgorithm.EC_P256, new X500Principal("CN=Alice"));
        vault.enroll("bob", KeyAlgorithm.EC_P256, new X500Principal("CN=Bob"));
        X509Certificate bobs = ca.issue(vault.csr("bob"), DevCa.Profile.USER);

        assertThatThrownBy(() -> vault.importCertificate("alice", List.of(bobs, ca.root())))
                .isInstanceOf(SigningException.class)
                .hasMessage("cannot import the certificate for key 'alice': the certificate for CN=Bob is for "
                        + "another public key than the token's key");
    }

    @Test
    void disabledKeyRefusesToSignAlsoAfterReopening() throws Exception {
        vault.enroll("alice", KeyAlgorithm.EC_P256, new X500Principal("CN=Alice"));
        ca.certify("alice", DevCa.Profile.USER);
        SigningKey key = vault.key("alice", KeyUse.ownKey("alice", "po-17.txt"));

        vault.disable("alice");

        assertThatThrownBy(() -> key.sign("SHA256withECDSA", DATA))
                .isInstanceOf(KeyUseRefusedException.class)
                .hasMessage("cannot sign po-17.txt for alice: key 'alice' is disabled");
        try (KeyVault reopened = KeyVault.open(VaultFixture.config(token), KeyUsageGuard.ALLOW_ALL)) {
            assertThat(reopened.info("alice").orElseThrow().status()).isEqualTo(KeyStatus.DISABLED);
            assertThat(reopened.list()).extracting(KeyInfo::label).containsExactly("alice", DevCa.LABEL);
        }
    }

    @Test
    void keyUsageGuardIsAskedBeforeEverySignature() throws Exception {
        vault.enroll("alice", KeyAlgorithm.EC_P256, new X500Principal("CN=Alice"));
        ca.certify("alice", DevCa.Profile.USER);
        try (KeyVault guarded = KeyVault.open(VaultFixture.config(token), KeyUsageGuard.OWN_KEY_ONLY)) {
            assertThatThrownBy(() -> guarded.key("alice", new KeyUse("mallory", "alice", "po-17.txt")))
                    .isInstanceOf(KeyUseRefusedException.class)
                    .hasMessage("mallory may not use key 'alice' for po-17.txt: the key belongs to another user");
            assertThat(guarded.key("alice", KeyUse.ownKey("alice", "po-17.txt")).sign("SHA256withECDSA", DATA))
                    .isNotEmpty();
        }
    }

    @Test
    void concurrentSignaturesEachGetAValidSignature() throws Exception {
        vault.enroll("alice", KeyAlgorithm.EC_P256, new X500Principal("CN=Alice"));
        ca.certify("alice", DevCa.Profile.USER);
        SigningKey key = vault.key("alice", KeyUse.ownKey("alice", "batch"));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<byte[]>> results = new java.util.ArrayList<>();
            for (int i = 0; i < 40; i++) {
                byte[] data = ("document " + i).getBytes();
                results.add(pool.submit(() -> key.sign("SHA256withECDSA", data)));
            }
            for (int i = 0; i < 40; i++) {
                Signature verifier = Signature.getInstance("SHA256withECDSA");
                verifier.initVerify(key.certificate());
                verifier.update(("document " + i).getBytes());
                assertThat(verifier.verify(results.get(i).get())).as("signature %d", i).isTrue();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongPinIsReportedWithTheTokenAndTheReturnCode() {
        // A token this JVM has not logged in to yet: PKCS#11 login state is per process and token.
        try (SoftHsmToken other = SoftHsmToken.create("pin")) {
            TokenConfig wrong = new TokenConfig(other.library(), other.label(), new Secret("0000"));

            assertThatThrownBy(() -> KeyVault.open(wrong, KeyUsageGuard.ALLOW_ALL))
                    .isInstanceOf(SigningUnavailableException.class)
                    .hasMessage("cannot log in to token '" + other.label() + "' (CKR_PIN_INCORRECT)");
        }
    }

    @Test
    void pinRejectedOnReconnectIsNeverTriedAgain() throws Exception {
        vault.enroll("alice", KeyAlgorithm.EC_P256, new X500Principal("CN=Alice"));
        ca.certify("alice", DevCa.Profile.USER);
        SigningKey key = vault.key("alice", KeyUse.ownKey("alice", "po-17.txt"));
        token.changePin(token.userPin(), "9999");
        token.remove();
        assertThatThrownBy(() -> key.sign("SHA256withECDSA", DATA)).isInstanceOf(SigningUnavailableException.class);
        assertThatThrownBy(() -> key.sign("SHA256withECDSA", DATA)).isInstanceOf(SigningUnavailableException.class);
        token.restore();

        assertThatThrownBy(() -> key.sign("SHA256withECDSA", DATA))
                .isInstanceOf(SigningUnavailableException.class)
                .hasMessage("cannot log in to token '" + token.label() + "' (CKR_PIN_INCORRECT)");
        token.changePin("9999", token.userPin());
        assertThatThrownBy(() -> key.sign("SHA256withECDSA", DATA))
                .isInstanceOf(SigningUnavailableException.class)
                .hasMessage("cannot log in to token '" + token.label() + "' (CKR_PIN_INCORRECT)");
    }

    @Test
    void unknownTokenLabelIsReported() {
        TokenConfig missing = new TokenConfig(token.library(), "no-such-token", new Secret("1234"));

        assertThatThrownBy(() -> KeyVault.open(missing, KeyUsageGuard.ALLOW_ALL))
                .isInstanceOf(SigningUnavailableException.class)
                .hasMessageStartingWith("token 'no-such-token' is not present in /usr/lib/softhsm/libsofthsm2.so "
                        + "(CKR_TOKEN_NOT_PRESENT; tokens found: ");
    }

    @Test
    void signingResumesWithoutRestartWhenALostTokenComesBack() throws Exception {
        vault.enroll("alice", KeyAlgorithm.EC_P256, new X500Principal("CN=Alice"));
        ca.certify("alice", DevCa.Profile.USER);
        SigningKey key = vault.key("alice", KeyUse.ownKey("alice", "po-17.txt"));
        key.sign("SHA256withECDSA", DATA);

        token.remove();
        assertThatThrownBy(() -> key.sign("SHA256withECDSA", DATA))
                .isInstanceOf(SigningUnavailableException.class)
                .hasMessage("cannot sign with key 'alice' for alice: token '" + token.label()
                        + "' failed (CKR_OBJECT_HANDLE_INVALID)");
        assertThatThrownBy(() -> key.sign("SHA256withECDSA", DATA))
                .isInstanceOf(SigningUnavailableException.class)
                .hasMessageStartingWith("token '" + token.label() + "' is not present in "
                        + "/usr/lib/softhsm/libsofthsm2.so (CKR_TOKEN_NOT_PRESENT; tokens found: ");
        token.restore();

        assertThat(key.sign("SHA256withECDSA", DATA)).isNotEmpty();
    }

    @Test
    void openVaultKeepsSigningWhenAnotherTokenAppearsAndTheModuleIsReinitialised() throws Exception {
        vault.enroll("alice", KeyAlgorithm.EC_P256, new X500Principal("CN=Alice"));
        ca.certify("alice", DevCa.Profile.USER);
        SigningKey key = vault.key("alice", KeyUse.ownKey("alice", "po-17.txt"));
        key.sign("SHA256withECDSA", DATA);

        // A token created after the module loaded is found only after C_Finalize/C_Initialize, which invalidates
        // every handle this vault holds.
        try (SoftHsmToken other = SoftHsmToken.create("vault-other");
             KeyVault otherVault = KeyVault.open(VaultFixture.config(other), KeyUsageGuard.ALLOW_ALL)) {
            assertThat(otherVault.list()).isEmpty();

            byte[] signature = key.sign("SHA256withECDSA", DATA);

            Signature check = Signature.getInstance("SHA256withECDSA");
            check.initVerify(key.certificate());
            check.update(DATA);
            assertThat(check.verify(signature)).isTrue();
        }
    }

    @Test
    void closingOneVaultLeavesAnotherVaultOnTheSameTokenSigning() throws Exception {
        vault.enroll("alice", KeyAlgorithm.EC_P256, new X500Principal("CN=Alice"));
        ca.certify("alice", DevCa.Profile.USER);
        SigningKey key = vault.key("alice", KeyUse.ownKey("alice", "po-17.txt"));
        key.sign("SHA256withECDSA", DATA);

        // PKCS#11 login state is per process and token: this close logs every vault on the token out.
        KeyVault.open(VaultFixture.config(token), KeyUsageGuard.ALLOW_ALL).close();

        byte[] signature = key.sign("SHA256withECDSA", DATA);
        Signature check = Signature.getInstance("SHA256withECDSA");
        check.initVerify(key.certificate());
        check.update(DATA);
        assertThat(check.verify(signature)).isTrue();
    }
}
