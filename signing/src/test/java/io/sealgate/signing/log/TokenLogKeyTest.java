package io.sealgate.signing.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyAlgorithm;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.keys.VaultFixture;
import io.sealgate.signing.testing.ExternalTool;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

import javax.security.auth.x500.X500Principal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log signing its tree heads with a key inside a SoftHSM token, as in production, and OpenSSL (which nobody on the
 * team wrote) verifying a head from the bytes docs/signature-log.md specifies.
 */
class TokenLogKeyTest {
    private SoftHsmToken token;
    private KeyVault vault;
    private SigningKey logKey;

    @TempDir
    Path directory;

    @BeforeEach
    void enrollLogKey() throws Exception {
        token = SoftHsmToken.create("log");
        vault = KeyVault.open(VaultFixture.config(token), KeyUsageGuard.ALLOW_ALL);
        DevCa ca = DevCa.initialize(vault, new X500Principal("CN=Sealgate Dev CA, O=Acme"));
        vault.enroll("sealgate-log", KeyAlgorithm.EC_P256, new X500Principal("CN=Sealgate signature log, O=Acme"));
        ca.certify("sealgate-log", DevCa.Profile.SEAL);
        logKey = vault.systemKey("sealgate-log");
    }

    @AfterEach
    void closeToken() {
        vault.close();
        token.close();
    }

    @Test
    void logWithATokenKeySignsHeadsThatVerify() throws Exception {
        try (SignatureLog log = SignatureLog.open(FileLogStore.open(directory.resolve("log")), logKey)) {
            for (int i = 0; i < 3; i++) {
                log.append(LogFixtures.entry(i));
            }
            assertThat(log.latestTreeHead().verifySignature(logKey.certificate())).isTrue();
            assertThat(log.verify()).isEqualTo(new LogVerification(3, 4, List.of()));
        }
    }

    @Test
    void openSslVerifiesATreeHeadFromTheDocumentedBytes() throws Exception {
        SignedTreeHead head = SignedTreeHead.sign(logKey, 12, 1_790_000_000_000L, MerkleTree.sha256().digest());
        ByteBuffer tbs = ByteBuffer.allocate(16 + 82);
        tbs.put("sealgate-log-sth".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).putLong(12)
                .putLong(1_790_000_000_000L).put(MerkleTree.sha256().digest())
                .put(MessageDigest.getInstance("SHA-256").digest(logKey.certificate().getEncoded())).put((byte) 1);
        Files.write(directory.resolve("tbs.bin"), tbs.array());
        Files.write(directory.resolve("sig.bin"), head.signature());
        Files.writeString(directory.resolve("cert.pem"), "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(logKey.certificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        assertThat(ExternalTool.runIn(directory, "openssl", "x509", "-in", "cert.pem", "-pubkey", "-noout",
                "-out", "pub.pem").strip()).isEmpty();
        assertThat(ExternalTool.runIn(directory, "openssl", "dgst", "-sha256", "-verify", "pub.pem", "-signature",
                "sig.bin", "tbs.bin").strip()).isEqualTo("Verified OK");
    }
}
