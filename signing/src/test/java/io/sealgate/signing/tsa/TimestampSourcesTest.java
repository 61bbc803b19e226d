package io.sealgate.signing.tsa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.fixtures.tsa.OpensslTsaServer;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningUnavailableException;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.keys.VaultFixture;
import io.sealgate.signing.testing.ExternalTool;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimestampSourcesTest {

    @TempDir
    Path dir;

    private OpensslTsaServer openssl;
    private Rfc3161Client client;

    @BeforeEach
    void setUp() throws Exception {
        openssl = OpensslTsaServer.start(dir.resolve("tsa"));
        client = new Rfc3161Client(openssl.uri());
    }

    @AfterEach
    void tearDown() {
        openssl.close();
    }

    @Test
    void clientObtainsATokenOverTheDigestFromOpenssl() throws Exception {
        byte[] digest = sha256("purchase order 17");

        byte[] token = client.timestamp(digest);

        TimeStampToken parsed = new TimeStampToken(new CMSSignedData(token));
        assertThat(parsed.getTimeStampInfo().getMessageImprintDigest()).isEqualTo(digest);
        assertThat(parsed.getTimeStampInfo().getPolicy().getId()).isEqualTo(OpensslTsaServer.POLICY);
        assertThat(ExternalTool.run("openssl", "ts", "-verify", "-digest", HexFormat.of().formatHex(digest),
                "-token_in", "-in", write("openssl.tst", token), "-CAfile", openssl.caCertificate().toString(),
                "-untrusted", openssl.tsaCertificate().toString())).contains("Verification: OK");
    }

    @Test
    void replayedReplyForTheSameDigestIsRejectedByItsNonce() throws Exception {
        client.timestamp(sha256("po-17"));
        openssl.mode(OpensslTsaServer.Mode.REPLAY_FIRST);

        assertThatThrownBy(() -> client.timestamp(sha256("po-17")))
                .isExactlyInstanceOf(SigningException.class)
                .hasMessage("timestamp authority " + openssl.uri() + " sent an invalid reply: "
                        + "response contains wrong nonce value.");
    }

    @Test
    void tsaAnsweringWithAnErrorIsUnavailable() {
        openssl.mode(OpensslTsaServer.Mode.FAIL);

        assertThatThrownBy(() -> client.timestamp(sha256("x")))
                .isInstanceOf(SigningUnavailableException.class)
                .hasMessage("timestamp authority " + openssl.uri() + " answered HTTP 500");
    }

    @Test
    void unreachableTsaIsUnavailable() {
        openssl.close();

        assertThatThrownBy(() -> client.timestamp(sha256("x")))
                .isInstanceOf(SigningUnavailableException.class)
                .hasMessageStartingWith("timestamp authority " + openssl.uri() + " is unreachable (");
    }

    @Test
    void embeddedTsaTokenIsAcceptedByOpenssl() throws Exception {
        try (SoftHsmToken hsm = SoftHsmToken.create("tsa");
             KeyVault vault = KeyVault.open(VaultFixture.config(hsm), KeyUsageGuard.ALLOW_ALL)) {
            DevCa ca = DevCa.initialize(vault, new X500Principal("CN=Sealgate Dev CA, O=Acme"));
            EmbeddedTsa tsa = EmbeddedTsa.initialize(vault, ca, "Acme");
            byte[] digest = sha256("purchase order 17");

            byte[] token = tsa.timestamp(digest);

            Files.writeString(dir.resolve("root.pem"), io.sealgate.signing.keys.Certificates.pem(ca.root()));
            assertThat(tsa.certificate().getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
            assertThat(tsa.certificate().getCriticalExtensionOIDs()).contains("2.5.29.37");
            assertThat(ExternalTool.run("openssl", "ts", "-verify", "-digest", HexFormat.of().formatHex(digest),
                    "-token_in", "-in", write("embedded.tst", token), "-CAfile", dir.resolve("root.pem").toString()))
                    .contains("Verification: OK");
        }
    }

    private String write(String name, byte[] data) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, data);
        return file.toString();
    }

    private static byte[] sha256(String text) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    }
}
