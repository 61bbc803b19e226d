package io.sealgate.policy;

import io.sealgate.config.ConfigException;
import io.sealgate.policy.ChainVerdict.Status;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static io.sealgate.policy.Processes.ALICE;
import static io.sealgate.policy.Processes.CAROL;
import static io.sealgate.policy.Processes.CAROL_OF_GLOBEX;
import static io.sealgate.policy.Processes.CREATED;
import static io.sealgate.policy.Processes.DAVE;
import static io.sealgate.policy.Processes.ERIN;
import static io.sealgate.policy.Processes.FRANK;
import static io.sealgate.policy.Processes.GRACE;
import static io.sealgate.policy.Processes.MALLORY;
import static io.sealgate.policy.Processes.SEAL;
import static io.sealgate.policy.Processes.allStepsDone;
import static io.sealgate.policy.Processes.chain;
import static org.assertj.core.api.Assertions.assertThat;

class ProcessChainCheckTest {

    private static final ProcessManifest MANIFEST = Processes.purchaseOrderManifest();

    @Test
    void emptyChainIsIncompleteWithEveryStepPending() {
        assertThat(check(List.of())).isEqualTo(new ChainVerdict(Status.FOLLOWED_INCOMPLETE,
                List.of("create", "legal", "finance", "board", "seal"), List.of(), Optional.empty(),
                "process purchase-order v3 was followed so far (pending: create, legal, finance, board, seal)"));
    }

    @Test
    void chainFollowingEveryStepThenTheSealIsComplete() {
        assertThat(check(allStepsDone().sealed().list())).isEqualTo(new ChainVerdict(Status.FOLLOWED_COMPLETE,
                List.of(), List.of(), Optional.empty(), "process purchase-order v3 was followed and is complete"));
    }

    @Test
    void parallelStepsInEitherOrderFollowTheProcess() {
        List<PerformedSignature> financeFirst = chain().by(ALICE, "create").by(DAVE, "finance").by(CAROL, "legal")
                                                       .by(GRACE, "board").by(ERIN, "board").sealed().list();

        assertThat(check(financeFirst).status()).isEqualTo(Status.FOLLOWED_COMPLETE);
    }

    @Test
    void sealIsDueOnceEveryStepIsComplete() {
        ChainVerdict verdict = check(allStepsDone().list());

        assertThat(verdict.status()).isEqualTo(Status.FOLLOWED_INCOMPLETE);
        assertThat(verdict.pendingSteps()).containsExactly("seal");
        assertThat(verdict.sealDue()).isTrue();
    }

    @Test
    void twoOfThreeStepStaysPendingAfterOneSignature() {
        ChainVerdict verdict =
                check(chain().by(ALICE, "create").by(CAROL, "legal").by(DAVE, "finance").by(FRANK, "board").list());

        assertThat(verdict.status()).isEqualTo(Status.FOLLOWED_INCOMPLETE);
        assertThat(verdict.pendingSteps()).containsExactly("board", "seal");
        assertThat(verdict.sealDue()).isFalse();
    }

    @Test
    void sameMemberSigningTwoOfThreeTwiceViolatesTheProcess() {
        assertThat(violations(chain().by(ALICE, "create").by(CAROL, "legal").by(DAVE, "finance").by(ERIN, "board")
                                     .by(ERIN, "board")))
                .containsExactly("signature 5 (erin (acme)) signs step board a second time (expected: 2 distinct"
                                 + " signers)");
    }

    @Test
    void signatureBySomeoneNotAssignedViolatesTheProcess() {
        assertThat(violations(chain().by(ALICE, "create").by(MALLORY, "legal")))
                .containsExactly("signature 2 (mallory (acme)) performs step legal, which only role legal of acme"
                                 + " may perform");
    }

    @Test
    void roleHeldInAnotherOrganisationDoesNotCount() {
        assertThat(violations(chain().by(ALICE, "create").by(CAROL_OF_GLOBEX, "legal")))
                .containsExactly("signature 2 (carol (globex)) performs step legal, which only role legal of acme"
                                 + " may perform");
    }

    @Test
    void creationBySomeoneNotAssignedViolatesTheProcess() {
        assertThat(violations(chain().by(MALLORY, "create")))
                .containsExactly("signature 1 (mallory (acme)) performs step create, which only users alice, bob of"
                                 + " acme may perform");
    }

    @Test
    void stepOfALaterStageBeforeTheCurrentOneIsOutOfOrder() {
        assertThat(violations(chain().by(ALICE, "create").by(CAROL, "legal").by(ERIN, "board")))
                .containsExactly("signature 3 (erin (acme)) performs step board out of order: step finance is not"
                                 + " complete yet");
    }

    @Test
    void firstSignatureThatDoesNotCreateIsOutOfOrder() {
        assertThat(violations(chain().by(CAROL, "legal")))
                .containsExactly("signature 1 (carol (acme)) performs step legal out of order: step create is not"
                                 + " complete yet");
    }

    @Test
    void signingACompletedStepAgainViolatesTheProcess() {
        assertThat(violations(chain().by(ALICE, "create").by(CAROL, "legal").by(Identity.of("olga", "acme", "legal"),
                                                                                 "legal")))
                .containsExactly("signature 3 (olga (acme)) performs step legal, which was already complete");
    }

    @Test
    void unknownStepViolatesTheProcess() {
        assertThat(violations(chain().by(ALICE, "create").by(CAROL, "ship")))
                .containsExactly("signature 2 (carol (acme)) claims step ship, which process purchase-order v3 does"
                                 + " not have");
    }

    @Test
    void signatureWithoutAStepClaimViolatesTheProcess() {
        assertThat(violations(chain().by(ALICE, "create").add(new PerformedSignature(
                CAROL, false, Optional.empty(), CREATED.plusSeconds(60), 1, true))))
                .containsExactly("signature 2 (carol (acme)) claims no step");
    }

    @Test
    void signatureAfterTheSealViolatesTheProcess() {
        assertThat(violations(allStepsDone().sealed().by(GRACE, "board")))
                .containsExactly("signature 7 (grace (acme)) follows the organisation seal");
    }

    @Test
    void sealBeforeCompletionViolatesTheProcess() {
        ChainVerdict verdict = check(chain().by(ALICE, "create").by(CAROL, "legal").sealed().list());

        assertThat(verdict).isEqualTo(new ChainVerdict(Status.VIOLATED, List.of("finance", "board"),
                List.of("signature 3 (the organisation seal of acme) was applied before the process was complete"
                        + " (pending: finance, board)"), Optional.empty(),
                "process purchase-order v3 was violated: signature 3 (the organisation seal of acme) was applied"
                + " before the process was complete (pending: finance, board)"));
    }

    @Test
    void personClaimingTheSealStepViolatesTheProcess() {
        assertThat(violations(allStepsDone().by(GRACE, "seal")))
                .containsExactly("signature 6 (grace (acme)) claims step seal, which only the organisation seal of"
                                 + " acme may perform");
    }

    @Test
    void sealOfAnotherOrganisationViolatesTheProcess() {
        assertThat(violations(allStepsDone().add(PerformedSignature.bySeal(
                Identity.of("globex-seal", "globex"), "seal", CREATED.plusSeconds(3600), 5))))
                .containsExactly("signature 6 (the organisation seal of globex) claims step seal (expected: the"
                                 + " organisation seal of acme)");
    }

    @Test
    void sealClaimingAPersonsStepViolatesTheProcess() {
        assertThat(violations(chain().by(ALICE, "create").add(PerformedSignature.bySeal(
                SEAL, "legal", CREATED.plusSeconds(60), 1))))
                .containsExactly("signature 2 (the organisation seal of acme) claims step legal (expected: seal,"
                                 + " the seal's step)");
    }

    @Test
    void signingTimesGoingBackwardsViolateTheProcess() {
        assertThat(violations(chain().by(ALICE, "create").by(CAROL, "legal").add(PerformedSignature.byPerson(
                DAVE, "finance", Instant.parse("2026-11-21T09:59:00Z"), 2))))
                .containsExactly("signature 3 (dave (acme)) was signed at 2026-11-21T09:59:00Z, before signature 2"
                                 + " (2026-11-21T10:01:00Z)");
    }

    @Test
    void revisionsGoingBackwardsViolateTheProcess() {
        assertThat(violations(chain().by(ALICE, "create").by(CAROL, "legal").add(PerformedSignature.byPerson(
                DAVE, "finance", CREATED.plusSeconds(600), 0))))
                .containsExactly("signature 3 (dave (acme)) covers revision 0, before revision 1 of signature 2");
    }

    @Test
    void signatureNotCoveringItsWholeRevisionViolatesTheProcess() {
        assertThat(violations(chain().by(ALICE, "create").add(new PerformedSignature(
                CAROL, false, Optional.of("legal"), CREATED.plusSeconds(60), 1, false))))
                .containsExactly("signature 2 (carol (acme)) does not cover the whole of revision 1");
    }

    @Test
    void everyViolationIsListedInChainOrder() {
        ChainVerdict verdict = check(chain().by(ALICE, "create").by(MALLORY, "legal").by(CAROL, "legal")
                                            .by(ERIN, "board").by(DAVE, "finance").list());

        assertThat(verdict.status()).isEqualTo(Status.VIOLATED);
        assertThat(verdict.violations()).containsExactly(
                "signature 2 (mallory (acme)) performs step legal, which only role legal of acme may perform",
                "signature 4 (erin (acme)) performs step board out of order: step finance is not complete yet");
        assertThat(verdict.pendingSteps()).containsExactly("board", "seal");
    }

    @Test
    void processWithoutSealIsCompleteWhenEveryStepIs() throws ConfigException {
        ProcessManifest manifest = new ProcessManifest(ProcessTemplate.builder("memo", 1)
                .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                .step(Step.builder("approve", StepMeaning.APPROVE).roles("legal"))
                .build(), "memo.txt", "acme", CREATED);

        assertThat(ProcessChecker.check(manifest, chain().by(ALICE, "create").by(CAROL, "approve").list()).status())
                .isEqualTo(Status.FOLLOWED_COMPLETE);
        assertThat(ProcessChecker.check(manifest, chain().by(ALICE, "create").by(CAROL, "approve").sealed().list())
                                 .violations())
                .containsExactly("signature 3 (the organisation seal of acme) claims step seal, which process memo v1"
                                 + " does not have");
    }

    @Test
    void stepAssignedToAnotherOrganisationIsPerformedByThatOrganisation() throws ConfigException {
        ProcessManifest manifest = new ProcessManifest(ProcessTemplate.builder("nda", 2)
                .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                .step(Step.builder("countersign", StepMeaning.APPROVE).organisation("globex").roles("legal"))
                .organisationSeal("seal")
                .build(), "nda.pdf", "acme", CREATED);

        assertThat(ProcessChecker.check(manifest, chain().by(ALICE, "create").by(CAROL_OF_GLOBEX, "countersign")
                                                         .sealed().list()).status())
                .isEqualTo(Status.FOLLOWED_COMPLETE);
        assertThat(ProcessChecker.check(manifest, chain().by(ALICE, "create").by(CAROL, "countersign").list())
                                 .violations())
                .containsExactly("signature 2 (carol (acme)) performs step countersign, which only role legal of"
                                 + " globex may perform");
    }

    private static ChainVerdict check(List<PerformedSignature> chain) {
        return ProcessChecker.check(MANIFEST, chain);
    }

    private static List<String> violations(Processes.Chain chain) {
        ChainVerdict verdict = check(chain.list());
        assertThat(verdict.status()).isEqualTo(Status.VIOLATED);
        return verdict.violations();
    }
}
