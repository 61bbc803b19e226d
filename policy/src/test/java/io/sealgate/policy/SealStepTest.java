package io.sealgate.policy;

import io.sealgate.config.ConfigException;
import io.sealgate.policy.ChainVerdict.DueSeal;
import io.sealgate.policy.ChainVerdict.Status;
import io.sealgate.policy.ProcessDecision.Outcome;
import io.sealgate.policy.Processes.Chain;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static io.sealgate.policy.Processes.CREATED;
import static io.sealgate.policy.Processes.chain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Seal steps: an organisation's seal in the middle or at the end of a process, so that each organisation of a
 * cross-organisation process confirms its own part. The contract below: Acme creates and approves, Acme seals,
 * Globex's legal approves, Globex seals.
 */
class SealStepTest {

    private static final Identity ALICE = Identity.of("alice", "Acme", "requester");
    private static final Identity BOB = Identity.of("bob", "Acme", "manager");
    private static final Identity GINA = Identity.of("gina", "Globex", "legal");
    private static final Identity ACME_SEAL = Identity.of("acme-seal", "Acme");
    private static final Identity GLOBEX_SEAL = Identity.of("globex-seal", "Globex");
    private static final Identity INITECH_SEAL = Identity.of("initech-seal", "Initech");
    private static final ProcessManifest MANIFEST = new ProcessManifest(contract(), "/files/contract.pdf", "Acme",
            CREATED);

    @Test
    void theSealOfTheCreatingOrganisationIsDueOnceItsStepsAreDone() {
        ChainVerdict verdict = check(chain().by(ALICE, "create").by(BOB, "approve"));

        assertThat(verdict.status()).isEqualTo(Status.FOLLOWED_INCOMPLETE);
        assertThat(verdict.dueSeal()).contains(new DueSeal("acme-seal", "Acme"));
        assertThat(verdict.pendingSteps()).containsExactly("acme-seal", "legal", "globex-seal");
    }

    @Test
    void noSealIsDueWhileAPersonsStepIsOpen() {
        assertThat(check(chain().by(ALICE, "create")).dueSeal()).isEmpty();
        assertThat(check(chain().by(ALICE, "create").by(BOB, "approve").seal(ACME_SEAL, "acme-seal")).dueSeal())
                .isEmpty();
    }

    @Test
    void thePartnersSealIsDueAfterThePartnersApprovalAndCompletesTheProcess() {
        Chain chain = chain().by(ALICE, "create").by(BOB, "approve").seal(ACME_SEAL, "acme-seal").by(GINA, "legal");

        assertThat(check(chain).dueSeal()).contains(new DueSeal("globex-seal", "Globex"));
        ChainVerdict done = check(chain.seal(GLOBEX_SEAL, "globex-seal"));
        assertThat(done.status()).as(done.summary()).isEqualTo(Status.FOLLOWED_COMPLETE);
        assertThat(done.dueSeal()).isEmpty();
    }

    @Test
    void anotherOrganisationsSealOnASealStepViolatesTheProcess() {
        ChainVerdict verdict = check(chain().by(ALICE, "create").by(BOB, "approve").seal(INITECH_SEAL, "acme-seal"));

        assertThat(verdict.violations()).containsExactly("signature 3 (the organisation seal of Initech) performs"
                + " step acme-seal, which only the organisation seal of Acme may perform");
    }

    @Test
    void aPersonClaimingASealStepViolatesTheProcess() {
        ChainVerdict verdict = check(chain().by(ALICE, "create").by(BOB, "approve").by(BOB, "acme-seal"));

        assertThat(verdict.violations()).containsExactly("signature 3 (bob (Acme)) performs step acme-seal, which"
                + " only the organisation seal of Acme may perform");
    }

    @Test
    void aSealClaimingAPersonsStepViolatesTheProcess() {
        ChainVerdict verdict = check(chain().by(ALICE, "create").seal(ACME_SEAL, "approve"));

        assertThat(verdict.violations()).containsExactly("signature 2 (the organisation seal of Acme) claims step"
                + " approve, which a person performs");
    }

    @Test
    void thePartnersApprovalBeforeTheCreatorsSealIsOutOfOrder() {
        ChainVerdict verdict = check(chain().by(ALICE, "create").by(BOB, "approve").by(GINA, "legal"));

        assertThat(verdict.violations()).containsExactly("signature 3 (gina (Globex)) performs step legal out of"
                + " order: step acme-seal is not complete yet");
    }

    @Test
    void nobodyMayRequestASealStep() {
        ProcessDecision decision = ProcessChecker.decide(MANIFEST, chain().by(ALICE, "create").by(BOB, "approve")
                .list(), BOB, Optional.of("acme-seal"));

        assertThat(decision).isEqualTo(new ProcessDecision(Outcome.NOT_YOUR_STEP, Optional.of("acme-seal"),
                "step acme-seal is the organisation seal of Acme, which its Sealgate applies once every step before"
                + " it is complete"));
    }

    @Test
    void aPartnerAskingToApproveWhileTheCreatorsSealIsOpenIsToldItIsNotOpenYet() {
        ProcessDecision decision = ProcessChecker.decide(MANIFEST, chain().by(ALICE, "create").by(BOB, "approve")
                .list(), GINA, Optional.empty());

        assertThat(decision).isEqualTo(new ProcessDecision(Outcome.OUT_OF_ORDER, Optional.of("legal"),
                "step legal is not open yet; step acme-seal is still open"));
    }

    @Test
    void aSealStepSurvivesTheManifestRoundTrip() throws Exception {
        byte[] encoded = ProcessManifestCodec.encode(MANIFEST);

        assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("{\"id\":\"globex-seal\",\"meaning\":"
                + "\"seal\",\"assignees\":{\"organisation\":\"Globex\",\"users\":[],\"roles\":[],\"required\":1}}");
        assertThat(ProcessManifestCodec.decode(encoded)).isEqualTo(MANIFEST);
    }

    @Test
    void aSealStepNamesNoPeopleStandsAloneAndNeedsOneSeal() {
        ProcessTemplate.Builder builder = ProcessTemplate.builder("bad", 1)
                .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                .step(Step.builder("seal-1", StepMeaning.SEAL).users("bob").roles("manager").required(2))
                .parallel(Step.builder("legal", StepMeaning.APPROVE).roles("legal"),
                          Step.builder("seal-2", StepMeaning.SEAL));

        assertThatThrownBy(builder::build).isInstanceOfSatisfying(ConfigException.class, e ->
                assertThat(e.errors()).extracting(err -> err.key() + ": " + err.message()).containsExactly(
                        "steps[1].assignees.users: bob (expected: none; a seal step is performed by its"
                        + " organisation's seal key)",
                        "steps[1].assignees.roles: manager (expected: none; a seal step is performed by its"
                        + " organisation's seal key)",
                        "steps[1].assignees.required: 2 (expected: 1, an organisation has one seal)",
                        "steps[2].parallel[1].meaning: seal (expected: review or approve; a seal step is a stage of"
                        + " its own, after every step it confirms)"));
    }

    /** create (alice) -> approve (a manager) -> Acme's seal -> legal (gina of Globex) -> Globex's seal. */
    static ProcessTemplate contract() {
        try {
            return ProcessTemplate.builder("contract", 1)
                    .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                    .step(Step.builder("approve", StepMeaning.APPROVE).roles("manager"))
                    .step(Step.builder("acme-seal", StepMeaning.SEAL))
                    .step(Step.builder("legal", StepMeaning.APPROVE).organisation("Globex").users("gina"))
                    .step(Step.builder("globex-seal", StepMeaning.SEAL).organisation("Globex"))
                    .build().resolvedFor("Acme");
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    private static ChainVerdict check(Chain chain) {
        return ProcessChecker.check(MANIFEST, chain.list());
    }
}
