package io.sealgate.policy;

import io.sealgate.policy.ProcessDecision.Kind;
import io.sealgate.policy.ProcessDecision.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.sealgate.policy.Processes.ALICE;
import static io.sealgate.policy.Processes.BOB;
import static io.sealgate.policy.Processes.CAROL;
import static io.sealgate.policy.Processes.CAROL_OF_GLOBEX;
import static io.sealgate.policy.Processes.DAVE;
import static io.sealgate.policy.Processes.ERIN;
import static io.sealgate.policy.Processes.FRANK;
import static io.sealgate.policy.Processes.GRACE;
import static io.sealgate.policy.Processes.MALLORY;
import static io.sealgate.policy.Processes.allStepsDone;
import static io.sealgate.policy.Processes.chain;
import static org.assertj.core.api.Assertions.assertThat;

class ProcessDecisionTest {

    private static final ProcessManifest MANIFEST = Processes.purchaseOrderManifest();

    @Test
    void creatorMayPerformTheCreateStepOnAnEmptyChain() {
        assertThat(decide(List.of(), ALICE)).isEqualTo(new ProcessDecision(Outcome.ALLOWED, Optional.of("create"),
                "alice (acme) may perform step create of purchase-order v3"));
    }

    @Test
    void creatorFromAnotherOrganisationIsRefusedWith403() {
        ProcessDecision decision = decide(List.of(), Identity.of("alice", "globex"));

        assertThat(decision.outcome().kind()).isEqualTo(Kind.FORBIDDEN);
        assertThat(decision.message()).isEqualTo("alice (globex) may not perform step create, the open step of"
                                                 + " purchase-order v3; only users alice, bob of acme may perform it");
    }

    @Test
    void sequentialApprovalAllowsEachAssigneeTheirStepInTurn() {
        Processes.Chain chain = chain();
        assertThat(decide(chain.list(), BOB).stepId()).contains("create");
        chain.by(BOB, "create");
        assertThat(decide(chain.list(), CAROL).stepId()).contains("legal");
        chain.by(CAROL, "legal");
        assertThat(decide(chain.list(), DAVE).stepId()).contains("finance");
        chain.by(DAVE, "finance");
        assertThat(decide(chain.list(), GRACE).stepId()).contains("board");
        chain.by(GRACE, "board");
        ProcessDecision last = decide(chain.list(), ERIN);

        assertThat(last.allowed()).isTrue();
        assertThat(last.stepId()).contains("board");
    }

    @Test
    void parallelStepsMayBeApprovedInAnyOrder() {
        assertThat(decide(chain().by(ALICE, "create").by(DAVE, "finance").list(), CAROL))
                .isEqualTo(new ProcessDecision(Outcome.ALLOWED, Optional.of("legal"),
                                               "carol (acme) may perform step legal of purchase-order v3"));
        assertThat(decide(chain().by(ALICE, "create").by(CAROL, "legal").list(), DAVE))
                .isEqualTo(new ProcessDecision(Outcome.ALLOWED, Optional.of("finance"),
                                               "dave (acme) may perform step finance of purchase-order v3"));
    }

    @Test
    void approvalByWrongPersonIsRefusedWith403NamingTheOpenStepsAndWhoMayPerformThem() {
        ProcessDecision decision = decide(chain().by(ALICE, "create").list(), MALLORY);

        assertThat(decision).isEqualTo(new ProcessDecision(Outcome.NOT_YOUR_STEP, Optional.empty(),
                "mallory (acme) may not perform any open step of purchase-order v3: step legal (role legal of acme),"
                + " step finance (user dave of acme)"));
        assertThat(decision.outcome().code()).isEqualTo("not-your-step");
        assertThat(decision.outcome().kind()).isEqualTo(Kind.FORBIDDEN);
    }

    @Test
    void approvalByWrongPersonWithOneOpenStepNamesThatStep() {
        assertThat(decide(chain().by(ALICE, "create").by(CAROL, "legal").list(), MALLORY).message())
                .isEqualTo("mallory (acme) may not perform step finance, the open step of purchase-order v3; only"
                           + " user dave of acme may perform it");
    }

    @Test
    void sameUserIdAndRoleInAnotherOrganisationIsRefusedWith403() {
        assertThat(decide(chain().by(ALICE, "create").list(), CAROL_OF_GLOBEX).outcome())
                .isEqualTo(Outcome.NOT_YOUR_STEP);
    }

    @Test
    void approvalOutOfOrderIsRefusedWith409() {
        ProcessDecision decision = decide(chain().by(ALICE, "create").list(), ERIN);

        assertThat(decision).isEqualTo(new ProcessDecision(Outcome.OUT_OF_ORDER, Optional.of("board"),
                "step board is not open yet; steps legal and finance are still open"));
        assertThat(decision.outcome().code()).isEqualTo("step-out-of-order");
        assertThat(decision.outcome().kind()).isEqualTo(Kind.CONFLICT);
    }

    @Test
    void doubleApprovalIsRefusedWith409() {
        ProcessDecision decision = decide(chain().by(ALICE, "create").by(CAROL, "legal").list(), CAROL);

        assertThat(decision).isEqualTo(new ProcessDecision(Outcome.ALREADY_SIGNED, Optional.of("legal"),
                                                           "carol (acme) has already signed step legal"));
        assertThat(decision.outcome().kind()).isEqualTo(Kind.CONFLICT);
    }

    @Test
    void secondSignatureOfTheSameMemberInTwoOfThreeIsRefusedWith409() {
        List<PerformedSignature> chain =
                chain().by(ALICE, "create").by(CAROL, "legal").by(DAVE, "finance").by(ERIN, "board").list();

        assertThat(decide(chain, ERIN)).isEqualTo(new ProcessDecision(Outcome.ALREADY_SIGNED, Optional.of("board"),
                "erin (acme) has already signed step board; it needs 1 more signature from 2 distinct signers among"
                + " users erin, frank, grace of acme"));
        assertThat(decide(chain, FRANK).stepId()).contains("board");
    }

    @Test
    void approvalAfterEveryStepIsCompleteIsRefusedWith409() {
        ProcessDecision decision = decide(allStepsDone().list(), GRACE);

        assertThat(decision).isEqualTo(new ProcessDecision(Outcome.PROCESS_COMPLETE, Optional.empty(),
                "every step of process purchase-order v3 is complete for /docs/po-17.pdf; nothing is left to sign"));
        assertThat(decision.outcome().kind()).isEqualTo(Kind.CONFLICT);
        assertThat(decide(allStepsDone().sealed().list(), GRACE).outcome()).isEqualTo(Outcome.PROCESS_COMPLETE);
    }

    @Test
    void approvalOnAViolatedChainIsRefusedWith409() {
        ProcessDecision decision = decide(chain().by(ALICE, "create").by(MALLORY, "legal").list(), CAROL);

        assertThat(decision).isEqualTo(new ProcessDecision(Outcome.PROCESS_VIOLATED, Optional.empty(),
                "/docs/po-17.pdf does not follow process purchase-order v3, so no signature is added to it:"
                + " signature 2 (mallory (acme)) performs step legal, which only role legal of acme may perform"));
        assertThat(decision.outcome().kind()).isEqualTo(Kind.CONFLICT);
    }

    @Test
    void requestedStepThatTheProcessLacksIsABadRequest() {
        ProcessDecision decision = decide(chain().by(ALICE, "create").list(), CAROL, "ship");

        assertThat(decision).isEqualTo(new ProcessDecision(Outcome.UNKNOWN_STEP, Optional.of("ship"),
                "process purchase-order v3 has no step ship (steps: create, legal, finance, board)"));
        assertThat(decision.outcome().kind()).isEqualTo(Kind.BAD_REQUEST);
    }

    @Test
    void requestedSealStepIsRefusedWith403BecauseSealgateAppliesIt() {
        assertThat(decide(allStepsDone().list(), ALICE, "seal")).isEqualTo(new ProcessDecision(
                Outcome.NOT_YOUR_STEP, Optional.of("seal"),
                "step seal is the organisation seal of acme, which Sealgate applies once every step is complete"));
    }

    @Test
    void requestedStepOfSomeoneElseIsRefusedWith403NamingWhoMayPerformIt() {
        assertThat(decide(chain().by(ALICE, "create").list(), MALLORY, "legal")).isEqualTo(new ProcessDecision(
                Outcome.NOT_YOUR_STEP, Optional.of("legal"),
                "mallory (acme) may not perform step legal; only role legal of acme may perform it"));
    }

    @Test
    void requestedStepNotOpenYetIsRefusedWith409() {
        assertThat(decide(chain().by(ALICE, "create").by(DAVE, "finance").list(), ERIN, "board"))
                .isEqualTo(new ProcessDecision(Outcome.OUT_OF_ORDER, Optional.of("board"),
                                               "step board is not open yet; step legal is still open"));
    }

    @Test
    void requestedStepCompletedBySomeoneElseIsRefusedWith409() {
        assertThat(decide(chain().by(ALICE, "create").list(), BOB, "create"))
                .isEqualTo(new ProcessDecision(Outcome.OUT_OF_ORDER, Optional.of("create"),
                        "step create is already complete; steps legal and finance are open now"));
    }

    @Test
    void requestedStepAlreadySignedByThePersonIsRefusedWith409() {
        assertThat(decide(chain().by(ALICE, "create").by(CAROL, "legal").list(), CAROL, "legal").outcome())
                .isEqualTo(Outcome.ALREADY_SIGNED);
    }

    @Test
    void requestedOpenStepIsAllowed() {
        assertThat(decide(chain().by(ALICE, "create").list(), DAVE, "finance"))
                .isEqualTo(new ProcessDecision(Outcome.ALLOWED, Optional.of("finance"),
                                               "dave (acme) may perform step finance of purchase-order v3"));
    }

    @Test
    void personEligibleForTwoOpenStepsPerformsTheFirstInTemplateOrderUnlessTheyNameOne() {
        Identity daveInLegal = Identity.of("dave", "acme", "legal");
        List<PerformedSignature> chain = chain().by(ALICE, "create").list();

        assertThat(decide(chain, daveInLegal).stepId()).contains("legal");
        assertThat(decide(chain, daveInLegal, "finance").stepId()).contains("finance");
    }

    @Test
    void reviewerWhoseStepWasDoneBySomeoneElseIsToldItIsComplete() {
        Identity otherLawyer = Identity.of("olga", "acme", "legal");

        assertThat(decide(chain().by(ALICE, "create").by(CAROL, "legal").list(), otherLawyer))
                .isEqualTo(new ProcessDecision(Outcome.OUT_OF_ORDER, Optional.of("legal"),
                                               "step legal is already complete; step finance is open now"));
    }

    @Test
    void everyOutcomeHasAStableCodeAndKind() {
        assertThat(List.of(Outcome.values()))
                .extracting(o -> o.code() + " " + o.kind())
                .containsExactly("allowed ALLOWED", "not-your-step FORBIDDEN", "step-out-of-order CONFLICT",
                                 "already-signed CONFLICT", "process-complete CONFLICT", "process-violated CONFLICT",
                                 "unknown-step BAD_REQUEST");
    }

    private static ProcessDecision decide(List<PerformedSignature> chain, Identity identity) {
        return ProcessChecker.decide(MANIFEST, chain, identity, Optional.empty());
    }

    private static ProcessDecision decide(List<PerformedSignature> chain, Identity identity, String step) {
        return ProcessChecker.decide(MANIFEST, chain, identity, Optional.of(step));
    }
}
