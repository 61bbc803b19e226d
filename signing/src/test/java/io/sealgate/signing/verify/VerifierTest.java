package io.sealgate.signing.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.signing.pades.PadesLevel;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Optional;

class VerifierTest {

    static final VerifyPki PKI = new VerifyPki("Verifier Test");

    @TempDir
    static Path dir;
    static SignedPdfs pdfs;

    @BeforeAll
    static void setUp() {
        pdfs = new SignedPdfs(PKI, dir);
    }

    @Test
    void completeProcessSignedAtBaselineTIsValid() throws Exception {
        VerificationReport report = pdfs.verifier().verify(pdfs.complete(PadesLevel.BASELINE_T), Optional.empty());
        System.out.println(new String(ReportJson.toJson(report)));
        assertThat(report.verdict()).isEqualTo(Verdict.VALID);
    }
}
