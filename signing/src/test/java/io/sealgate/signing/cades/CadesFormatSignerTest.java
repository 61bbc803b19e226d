package io.sealgate.signing.cades;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.KeyUse;
import io.sealgate.signing.DocumentSigner;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.SignatureRequest;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyAlgorithm;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.keys.VaultFixture;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.security.auth.x500.X500Principal;

import org.bouncycastle.cms.CMSSignedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CadesFormatSignerTest {

    private static SoftHsmToken hsm;
    private static KeyVault vault;
    private static SigningKey alice;

    @TempDir
    Path dir;

    @BeforeAll
    static void token() throws Exception {
        hsm = SoftHsmToken.create("format");
        vault = KeyVault.open(VaultFixture.config(hsm), KeyUsageGuard.ALLOW_ALL);
        DevCa ca = DevCa.initialize(vault, new X500Principal("CN=Sealgate Dev CA"));
        vault.enroll("alice", KeyAlgorithm.EC_P256, new X500Principal("CN=alice"));
        ca.certify("alice", DevCa.Profile.USER);
        alice = vault.key("alice", KeyUse.ownKey("alice", "test"));
    }

    @AfterAll
    static void close() {
        vault.close();
        hsm.close();
    }

    @Test
    void standardDocumentSignerSignsOtherFilesAsDetachedCades() throws Exception {
        Path file = dir.resolve("po-17.xlsx");
        Files.write(file, new byte[] {0x50, 0x4b, 0x03, 0x04, 1, 2, 3});
        DocumentSigner signer = DocumentSigner.standard();
        Path out = signer.signerFor(file).defaultOutput(file);

        String format = signer.sign(file, out, SignatureRequest.builder(SignatureLevel.B_B).build(), alice);

        assertThat(format).isEqualTo("CAdES");
        assertThat(signer.formats()).last().isEqualTo("CAdES");
        assertThat(out.getFileName().toString()).isEqualTo("po-17.xlsx.p7s");
        assertThat(new CMSSignedData(Files.readAllBytes(out)).isDetachedSignature()).isTrue();
    }

    @Test
    void archiveLevelIsRefusedForNonPdfFiles() throws Exception {
        Path file = dir.resolve("po-17.csv");
        Files.writeString(file, "a,b\n");

        assertThatThrownBy(() -> new CadesFormatSigner().sign(file, dir.resolve("out.p7s"),
                SignatureRequest.builder(SignatureLevel.B_LTA).build(), alice))
                .isExactlyInstanceOf(SigningException.class)
                .hasMessage("signature level: B-LTA is offered for PDF only (expected for other files: B-B, B-T, "
                        + "B-LT)");
    }

    @Test
    void levelWithoutItsSourceIsRefused() throws Exception {
        Path file = dir.resolve("po-17.csv");
        Files.writeString(file, "a,b\n");

        assertThatThrownBy(() -> new CadesFormatSigner().sign(file, dir.resolve("out.p7s"),
                SignatureRequest.builder(SignatureLevel.B_T).build(), alice))
                .isExactlyInstanceOf(SigningException.class)
                .hasMessage("cannot sign po-17.csv: CAdES BASELINE_T needs a timestamp source");
    }
}
