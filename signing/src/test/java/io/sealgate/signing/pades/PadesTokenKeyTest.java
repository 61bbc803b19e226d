package io.sealgate.signing.pades;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.KeyUse;
import io.sealgate.signing.SigningKey;
import io.sealgate.signing.keys.DevCa;
import io.sealgate.signing.keys.KeyAlgorithm;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.keys.VaultFixture;
import io.sealgate.signing.revocation.DevCaRevocationSource;
import io.sealgate.signing.tsa.EmbeddedTsa;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import javax.security.auth.x500.X500Principal;

/**
 * The real thing: EC P-256 keys generated inside SoftHSM by the key vault, certified by the dev CA, stamped by the
 * embedded TSA (its key in the same token), with the dev CA's own OCSP answers in the /DSS.
 */
class PadesTokenKeyTest {

    @TempDir
    Path dir;

    private SoftHsmToken token;
    private KeyVault vault;
    private DevCa ca;
    private EmbeddedTsa tsa;

    @BeforeEach
    void setUp() throws Exception {
        token = SoftHsmToken.create("pades");
        vault = KeyVault.open(VaultFixture.config(token), KeyUsageGuard.ALLOW_ALL);
        ca = DevCa.initialize(vault, new X500Principal("CN=Sealgate Dev CA, O=Acme"));
        tsa = EmbeddedTsa.initialize(vault, ca, "Acme");
    }

    @AfterEach
    void tearDown() {
        vault.close();
        token.close();
    }

    @Test
    void creatorApproverAndOrgSealSignWithTokenKeysAtBaselineLta() throws Exception {
        Path current = SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir);
        String[] signers = {"alice", "bob", "acme-seal"};
        for (int i = 0; i < signers.length; i++) {
            Path out = dir.resolve("rev-" + i + ".pdf");
            new PadesSigner().sign(current, out, PadesParameters.builder(PadesLevel.BASELINE_LTA)
                    .signerName(signers[i])
                    .processStepId("step-" + i)
                    .timestampSource(tsa)
                    .revocationSource(new DevCaRevocationSource(ca, chain -> {
                        throw new AssertionError("only dev CA certificates expected: " + chain);
                    }))
                    .build(), enrolled(signers[i]));
            current = out;
        }

        assertThat(DssValidation.outcomes(DssValidation.validate(current, ca.root())).values())
                .containsExactly("TOTAL_PASSED PAdES-BASELINE-LTA", "TOTAL_PASSED PAdES-BASELINE-LTA",
                        "TOTAL_PASSED PAdES-BASELINE-LTA");
        assertThat(PdfTools.pdfsigSummary(current)).filteredOn(s -> s.startsWith("ETSI.CAdES"))
                .containsOnly("ETSI.CAdES.detached: Signature is Valid., partial").hasSize(3);
        assertThat(PdfTools.qpdfCheck(current)).doesNotContain("WARNING").endsWith("[exit 0]");
    }

    @Test
    void tokenKeySignsAtBaselineBAndDssAcceptsIt() throws Exception {
        Path out = dir.resolve("signed.pdf");
        new PadesSigner().sign(SampleDocuments.ACROFORM.copyTo(dir), out,
                PadesParameters.builder(PadesLevel.BASELINE_B).build(), enrolled("alice"));

        byte[] crl = new DevCaRevocationSource(ca, null).crl();
        assertThat(DssValidation.outcomes(DssValidation.validate(out, ca.root(), crl)).values())
                .containsExactly("TOTAL_PASSED PAdES-BASELINE-B");
    }

    private SigningKey enrolled(String label) throws Exception {
        vault.enroll(label, KeyAlgorithm.EC_P256, new X500Principal("CN=" + label + ", O=Acme"));
        ca.certify(label, DevCa.Profile.USER);
        return vault.key(label, KeyUse.ownKey(label, "po-17.pdf"));
    }
}
