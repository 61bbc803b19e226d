package io.sealgate.signing.service;

import static io.sealgate.signing.service.ServiceFixture.ALICE;
import static io.sealgate.signing.service.ServiceFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.Identity;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.ProcessTemplate;
import io.sealgate.policy.Step;
import io.sealgate.policy.StepMeaning;
import io.sealgate.signing.DocumentRejectedException;
import io.sealgate.signing.SignatureLevel;
import io.sealgate.signing.keys.KeyUseRefusedException;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.keys.VaultFixture;
import io.sealgate.signing.verify.Verdict;
import io.sealgate.signing.verify.VerificationReport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Two organisations, each with its own token and Sealgate: globex's approval stacks on what acme created, once
 * globex trusts acme's CA; each organisation applies its own seal only.
 */
class SigningServiceCrossOrganisationTest {

    private static final Identity GINA = Identity.of("gina", "globex", "legal");

    @TempDir
    Path dir;

    private ServiceFixture acme;
    private SoftHsmToken globexToken;
    private SigningService acmeService;

    @BeforeEach
    void setUp() throws Exception {
        acme = new ServiceFixture(dir.resolve("acme"));
        globexToken = SoftHsmToken.create("globex");
        try (KeyVault vault = KeyVault.open(VaultFixture.config(globexToken), KeyUsageGuard.ALLOW_ALL)) {
            SealgateToken globex = SealgateToken.initialize(vault, "globex", "globex-seal");
            globex.enrolUser("gina", "gina", Set.of("legal"));
        }
        // only now: SoftHSM shows a new token to a process by re-initialising the module, which resets the sessions
        // of vaults already open (docs/signing.md, "A lost token")
        acmeService = SigningService.open(acme.settings);
    }

    @AfterEach
    void tearDown() {
        acmeService.close();
        acme.close();
        globexToken.close();
    }

    @Test
    void anotherOrganisationsApprovalStacksButDoesNotApplyItsSeal() throws Exception {
        SignResult created = acmeService.create(new CreateRequest(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir),
                "/docs/po-17.pdf", ALICE, Optional.of(contract()), request("r-1")));

        try (SigningService globex = SigningService.open(globexSettings(List.of(acme.root)))) {
            SignResult approved = globex.approve(new ApproveRequest(created.output(), Optional.empty(),
                    "/docs/po-17.pdf", GINA, Optional.empty(), request("r-2")));

            assertThat(approved.signatures()).containsExactly(
                    new AppliedSignature("gina", "gina", Optional.of("legal"), 0));
            VerificationReport report = globex.verify(approved.output(), Optional.empty());
            assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.INCOMPLETE);
            assertThat(report.process().stepsDone()).containsExactly("create: alice (acme)",
                    "legal: gina (globex)");
            assertThat(report.process().pendingSteps()).containsExactly("seal");
            assertThat(report.process().sealDue()).isTrue();
            // a globex user asking again is refused: only acme's seal is left, which globex never applies
            assertThatThrownBy(() -> globex.approve(new ApproveRequest(approved.output(), Optional.empty(),
                    "/docs/po-17.pdf", GINA, Optional.empty(), request("r-3"))))
                    .isInstanceOf(ProcessRefusedException.class)
                    .hasMessage("every step of process contract v1 is complete for /docs/po-17.pdf; nothing is left"
                            + " to sign");
        }
    }

    @Test
    void anotherOrganisationsApprovalBringsItsOwnSealWhenASealStepOfItsOwnFollows() throws Exception {
        SignResult created = acmeService.create(new CreateRequest(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir),
                "/docs/po-17.pdf", ALICE, Optional.of(contractSealedByGlobex()), request("r-1")));

        try (SigningService globex = SigningService.open(globexSettings(List.of(acme.root)))) {
            SignResult approved = globex.approve(new ApproveRequest(created.output(), Optional.empty(),
                    "/docs/po-17.pdf", GINA, Optional.empty(), request("r-2")));

            assertThat(approved.signatures()).extracting(AppliedSignature::signer, AppliedSignature::step)
                    .containsExactly(tuple("gina", Optional.of("legal")),
                            tuple("globex", Optional.of("globex-seal")));
            VerificationReport report = globex.verify(approved.output(), Optional.empty());
            assertThat(report.verdict()).as(report.summary()).isEqualTo(Verdict.VALID);
            assertThat(report.process().stepsDone()).containsExactly("create: alice (acme)",
                    "legal: gina (globex)", "globex-seal: the organisation seal of globex");
            assertThat(report.process().status()).isEqualTo("FOLLOWED_COMPLETE");
        }
    }

    @Test
    void anApprovalIsRefusedWhileTheCreatorsCaIsNotTrusted() throws Exception {
        SignResult created = acmeService.create(new CreateRequest(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir),
                "/docs/po-17.pdf", ALICE, Optional.of(contract()), request("r-1")));

        try (SigningService globex = SigningService.open(globexSettings(List.of()))) {
            assertThatThrownBy(() -> globex.approve(new ApproveRequest(created.output(), Optional.empty(),
                    "/docs/po-17.pdf", GINA, Optional.empty(), request("r-2"))))
                    .isInstanceOf(DocumentRejectedException.class)
                    // the rest names the TSA certificate's serial and the time: both differ per run
                    .hasMessageStartingWith("cannot add a signature to /docs/po-17.pdf: signature 1 by alice (acme)"
                            + " is indeterminate: the signature's timestamp is not valid: no valid path from the TSA "
                            + "certificate CN=Sealgate Embedded TSA,O=acme");
        }
    }

    @Test
    void aSealgateSignsForItsOwnOrganisationOnly() throws Exception {
        assertThatThrownBy(() -> acmeService.create(new CreateRequest(SampleDocuments.PDFBOX_PURCHASE_ORDER.copyTo(dir),
                "/docs/po-17.pdf", GINA, Optional.empty(), request("r-1"))))
                .isInstanceOf(KeyUseRefusedException.class)
                .hasMessage("cannot sign /docs/po-17.pdf for gina (globex): this Sealgate signs for acme only");
    }

    private SigningServiceSettings globexSettings(List<X509Certificate> trusted) {
        return SigningServiceSettings.defaults(VaultFixture.config(globexToken), "globex", "globex-seal",
                SigningServiceSettings.LogSettings.file(dir.resolve("globex-log")), dir.resolve("globex-spool"))
                .withLevel(SignatureLevel.B_LT).withTrustAnchors(trusted, true);
    }

    /** create (alice of acme) &rarr; legal (gina of globex) &rarr; globex's seal. */
    private static ProcessTemplate contractSealedByGlobex() throws Exception {
        return ProcessTemplate.builder("contract", 2)
                .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                .step(Step.builder("legal", StepMeaning.APPROVE).organisation("globex").users("gina"))
                .step(Step.builder("globex-seal", StepMeaning.SEAL).organisation("globex"))
                .build();
    }

    /** create (alice of acme) &rarr; legal (gina of globex) &rarr; acme's seal. */
    private static ProcessTemplate contract() throws Exception {
        return ProcessTemplate.builder("contract", 1)
                .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                .step(Step.builder("legal", StepMeaning.APPROVE).organisation("globex").users("gina"))
                .organisationSeal("seal")
                .build();
    }
}
