package io.sealgate.policy;

import io.sealgate.config.ConfigException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The purchase-order process the tests share, its people, and a chain builder. */
final class Processes {

    static final Instant CREATED = Instant.parse("2026-11-21T10:00:00Z");

    static final Identity ALICE = Identity.of("alice", "acme", "buyer");
    static final Identity BOB = Identity.of("bob", "acme", "buyer");
    static final Identity CAROL = Identity.of("carol", "acme", "legal");
    static final Identity DAVE = Identity.of("dave", "acme");
    static final Identity ERIN = Identity.of("erin", "acme", "board");
    static final Identity FRANK = Identity.of("frank", "acme", "board");
    static final Identity GRACE = Identity.of("grace", "acme", "board");
    static final Identity MALLORY = Identity.of("mallory", "acme", "intern");
    /** Same user id and role as carol, but another organisation: not carol. */
    static final Identity CAROL_OF_GLOBEX = Identity.of("carol", "globex", "legal");
    static final Identity SEAL = Identity.of("acme-seal", "acme");

    private Processes() {
    }

    /**
     * create (alice or bob) -> parallel [legal (role legal), finance (user dave)] -> board (2 of erin, frank, grace)
     * -> organisation seal.
     */
    static ProcessTemplate purchaseOrder() {
        try {
            return ProcessTemplate.builder("purchase-order", 3)
                    .step(Step.builder("create", StepMeaning.CREATE).users("alice", "bob"))
                    .parallel(Step.builder("legal", StepMeaning.REVIEW).roles("legal"),
                              Step.builder("finance", StepMeaning.REVIEW).users("dave"))
                    .step(Step.builder("board", StepMeaning.APPROVE).users("erin", "frank", "grace").required(2))
                    .organisationSeal("seal")
                    .build();
        } catch (ConfigException e) {
            throw new AssertionError(e);
        }
    }

    static ProcessManifest purchaseOrderManifest() {
        return new ProcessManifest(purchaseOrder(), "/docs/po-17.pdf", "acme", CREATED);
    }

    /** A chain whose signatures are a minute apart, each in its own revision. */
    static final class Chain {
        private final List<PerformedSignature> signatures = new ArrayList<>();

        Chain by(Identity signer, String step) {
            int n = signatures.size();
            signatures.add(PerformedSignature.byPerson(signer, step, CREATED.plus(Duration.ofMinutes(n)), n));
            return this;
        }

        /** Acme's seal claiming the final seal step {@code seal}. */
        Chain sealed() {
            return seal(SEAL, "seal");
        }

        Chain seal(Identity organisationSeal, String step) {
            int n = signatures.size();
            signatures.add(PerformedSignature.bySeal(organisationSeal, step, CREATED.plus(Duration.ofMinutes(n)), n));
            return this;
        }

        Chain add(PerformedSignature signature) {
            signatures.add(signature);
            return this;
        }

        List<PerformedSignature> list() {
            return List.copyOf(signatures);
        }
    }

    static Chain chain() {
        return new Chain();
    }

    /** Created by alice, reviewed by carol and dave, approved by erin and frank: every step done. */
    static Chain allStepsDone() {
        return chain().by(ALICE, "create").by(CAROL, "legal").by(DAVE, "finance").by(ERIN, "board")
                      .by(FRANK, "board");
    }
}
