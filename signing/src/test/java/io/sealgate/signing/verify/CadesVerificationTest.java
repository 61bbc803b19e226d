package io.sealgate.signing.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.signing.SigningKey;
import io.sealgate.signing.cades.CadesLevel;
import io.sealgate.signing.cades.CadesParameters;
import io.sealgate.signing.cades.CadesSigner;
import io.sealgate.signing.testing.SoftwarePki;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** CAdES .p7s over detached content, with the approval chain as nested counter-signatures. */
class CadesVerificationTest {

    static final SoftwarePki PKI = new SoftwarePki("CAdES Test", "Test");

    @TempDir
    static Path dir;
    static SignedPdfs people;
    static Path content;
    static Path complete;

    @BeforeAll
    static void setUp() throws Exception {
        people = new SignedPdfs(PKI, dir);
        content = Files.writeString(dir.resolve("order.csv"), "item,count,price\nwidget,100,10.00\n");
        Path created = dir.resolve("created.p7s");
        new CadesSigner().sign(content, created, params("create", CadesLevel.BASELINE_T)
                .processManifest(SignedPdfs.manifest()).build(), people.alice);
        Path approved = counterSign(created, "approved.p7s", people.carol, "legal");
        complete = counterSign(approved, "sealed.p7s", people.seal, "seal");
    }

    @Test
    void counterSignedChainIsValidAndCompleteInSigningOrder() throws Exception {
        VerificationReport report = people.verifier().verify(complete, Optional.of(content));

        assertThat(report.format()).isEqualTo("CADES");
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
        assertThat(report.signatures()).extracting(s -> s.kind() + " " + s.signer().describe() + " "
                        + s.processStep() + " " + s.level() + " " + s.status())
                .containsExactly("SIGNATURE alice (acme) create T VALID",
                        "COUNTER_SIGNATURE carol (acme) legal T VALID",
                        "COUNTER_SIGNATURE the organisation seal of acme seal T VALID");
        assertThat(report.sha256()).isEqualTo(Verifier.sha256(Files.readAllBytes(content)));
    }

    @Test
    void changedContentMakesEverySignatureInvalid() throws Exception {
        Path changed = Files.writeString(dir.resolve("changed.csv"), "item,count,price\nwidget,100,1.00\n");

        VerificationReport report = people.verifier().verify(complete, Optional.of(changed));

        assertThat(report.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(report.summary()).isEqualTo("signature 1 (alice (acme)) is invalid: the signed data does not "
                + "match the message digest: the content was changed after signing");
    }

    @Test
    void detachedSignatureWithoutContentIsRefused() {
        assertThatThrownBy(() -> people.verifier().verify(complete, Optional.empty()))
                .isInstanceOf(VerificationException.class)
                .hasMessage("the signature is detached: supply the signed content (--content FILE)");
    }

    @Test
    void creatorAloneIsIncomplete() throws Exception {
        Path created = dir.resolve("alone.p7s");
        new CadesSigner().sign(content, created, params("create", CadesLevel.BASELINE_B)
                .processManifest(SignedPdfs.manifest()).build(), people.alice);

        VerificationReport report = people.verifier().verify(created, Optional.of(content));

        assertThat(report.verdict()).isEqualTo(Verdict.INCOMPLETE);
        assertThat(report.process().pendingSteps()).containsExactly("legal", "seal");
    }

    private static Path counterSign(Path existing, String name, SigningKey key, String step) throws Exception {
        Path out = dir.resolve(name);
        new CadesSigner().counterSign(existing, out, params(step, CadesLevel.BASELINE_T).build(), key);
        return out;
    }

    private static CadesParameters.Builder params(String step, CadesLevel level) {
        return CadesParameters.builder(level).processStepId(step).requestId("req-" + step)
                .timestampSource(PKI.timestampSource()).revocationSource(PKI.rootAndCaCrlSource());
    }
}
