package io.sealgate.policy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import io.sealgate.policy.ChainVerdict.Status;
import io.sealgate.policy.ProcessDecision.Outcome;

/**
 * The two process-assurance questions, answered from a manifest and a signature chain alone, so that the proxy (before
 * it signs) and the verifier (after the fact) apply exactly the same rules:
 * <ul>
 *   <li>{@link #check}: does this chain follow the process? (the verifier's verdict; the proxy's "is the seal due?")
 *   <li>{@link #decide}: may this person add the next signature, and which step does it perform?
 * </ul>
 * Pure functions: no state, no I/O, no clock; thread-safe.
 */
public final class ProcessChecker {

    private ProcessChecker() {
    }

    /**
     * Replays {@code chain} (in document order, the creator's signature first) against {@code manifest}.
     * A step is complete once its required number of distinct eligible people have signed it; a stage once all its
     * steps are; a signature for a step of a later stage is out of order. Every violation is listed.
     */
    public static ChainVerdict check(ProcessManifest manifest, List<PerformedSignature> chain) {
        ProcessProgress progress = ProcessProgress.replay(manifest, List.copyOf(chain));
        List<String> violations = progress.violations();
        List<String> pending = progress.pendingSteps(true);
        String process = "process " + manifest.process().describe();
        if (!violations.isEmpty()) {
            return new ChainVerdict(Status.VIOLATED, pending, violations, Optional.empty(),
                                    process + " was violated: " + String.join("; ", violations));
        }
        if (pending.isEmpty()) {
            return new ChainVerdict(Status.FOLLOWED_COMPLETE, pending, violations, Optional.empty(),
                                    process + " was followed and is complete");
        }
        return new ChainVerdict(Status.FOLLOWED_INCOMPLETE, pending, violations, progress.dueSeal(),
                                process + " was followed so far (pending: " + String.join(", ", pending) + ")");
    }

    /**
     * Decides whether {@code identity} may sign the document now. With {@code requestedStep} empty, the signature
     * performs the first open step (in template order) that the person may perform and has not yet signed.
     * Refusals, in order of precedence: the chain is violated; the requested step is unknown or is the seal; every
     * step is complete; the person may not perform the step; the step is not open; the person already signed it.
     */
    public static ProcessDecision decide(ProcessManifest manifest, List<PerformedSignature> chain, Identity identity,
                                         Optional<String> requestedStep) {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(requestedStep, "requestedStep");
        ProcessProgress progress = ProcessProgress.replay(manifest, List.copyOf(chain));
        if (!progress.violations().isEmpty()) {
            return new ProcessDecision(Outcome.PROCESS_VIOLATED, Optional.empty(),
                    manifest.documentId() + " does not follow process " + manifest.process().describe()
                    + ", so no signature is added to it: " + progress.violations().get(0));
        }
        Decider decider = new Decider(manifest, progress, identity);
        return requestedStep.map(decider::decideRequested).orElseGet(decider::decideNext);
    }

    /** The decision for one person; holds what every message needs. */
    private static final class Decider {
        private final ProcessManifest manifest;
        private final ProcessTemplate process;
        private final ProcessProgress progress;
        private final Identity identity;
        private final String person;

        Decider(ProcessManifest manifest, ProcessProgress progress, Identity identity) {
            this.manifest = manifest;
            this.process = manifest.process();
            this.progress = progress;
            this.identity = identity;
            this.person = identity.describe();
        }

        ProcessDecision decideNext() {
            if (progress.stepsComplete()) {
                return complete();
            }
            List<Step> open = progress.openSteps();
            for (Step step : open) {
                if (admits(step) && !progress.hasSigned(step, identity)) {
                    return allowed(step);
                }
            }
            for (Step step : open) {
                if (admits(step)) {
                    return alreadySigned(step);
                }
            }
            List<Step> mine = process.steps().filter(this::admits).toList();
            for (Step step : mine) {
                if (progress.stageOf(step.id()) > progress.currentStage()) {
                    return notOpenYet(step);
                }
            }
            if (!mine.isEmpty()) {
                Step done = mine.stream().filter(s -> progress.hasSigned(s, identity)).findFirst()
                                .orElse(mine.get(0));
                return progress.hasSigned(done, identity) ? alreadySigned(done) : alreadyComplete(done);
            }
            String message = open.size() == 1
                    ? person + " may not perform " + open.get(0).describe() + ", the open step of "
                      + process.describe() + "; only " + open.get(0).assignees().describe() + " may perform it"
                    : person + " may not perform any open step of " + process.describe() + ": " + open.stream()
                            .map(s -> s.describe() + " (" + s.assignees().describe() + ")")
                            .collect(Collectors.joining(", "));
            return new ProcessDecision(Outcome.NOT_YOUR_STEP, Optional.empty(), message);
        }

        ProcessDecision decideRequested(String stepId) {
            if (process.sealStepId().filter(stepId::equals).isPresent()) {
                return new ProcessDecision(Outcome.NOT_YOUR_STEP, Optional.of(stepId),
                        "step " + stepId + " is the organisation seal of " + manifest.organisation()
                        + ", which Sealgate applies once every step is complete");
            }
            Optional<Step> found = process.step(stepId);
            if (found.isPresent() && found.get().isSeal()) {
                return new ProcessDecision(Outcome.NOT_YOUR_STEP, Optional.of(stepId),
                        "step " + stepId + " is " + found.get().assignees().describe()
                        + ", which its Sealgate applies once every step before it is complete");
            }
            if (found.isEmpty()) {
                return new ProcessDecision(Outcome.UNKNOWN_STEP, Optional.of(stepId),
                        "process " + process.describe() + " has no step " + stepId + " (steps: "
                        + process.steps().map(Step::id).collect(Collectors.joining(", ")) + ")");
            }
            Step step = found.get();
            if (progress.stepsComplete()) {
                return complete();
            }
            if (!admits(step)) {
                return new ProcessDecision(Outcome.NOT_YOUR_STEP, Optional.of(stepId), person
                        + " may not perform " + step.describe() + "; only " + step.assignees().describe()
                        + " may perform it");
            }
            int stage = progress.stageOf(stepId);
            if (stage < progress.currentStage() || progress.complete(step)) {
                return progress.hasSigned(step, identity) ? alreadySigned(step) : alreadyComplete(step);
            }
            if (stage > progress.currentStage()) {
                return notOpenYet(step);
            }
            return progress.hasSigned(step, identity) ? alreadySigned(step) : allowed(step);
        }

        private boolean admits(Step step) {
            return step.assignees().admits(identity, manifest.organisation());
        }

        private ProcessDecision allowed(Step step) {
            return new ProcessDecision(Outcome.ALLOWED, Optional.of(step.id()),
                    person + " may perform " + step.describe() + " of " + process.describe());
        }

        private ProcessDecision complete() {
            return new ProcessDecision(Outcome.PROCESS_COMPLETE, Optional.empty(),
                    "every step of process " + process.describe() + " is complete for " + manifest.documentId()
                    + "; nothing is left to sign");
        }

        private ProcessDecision alreadySigned(Step step) {
            String message = person + " has already signed " + step.describe();
            if (!progress.complete(step)) {
                int missing = step.assignees().required() - progress.signatureCount(step);
                message += "; it needs " + missing + " more signature" + (missing == 1 ? "" : "s") + " from "
                           + step.assignees().describe();
            }
            return new ProcessDecision(Outcome.ALREADY_SIGNED, Optional.of(step.id()), message);
        }

        private ProcessDecision alreadyComplete(Step step) {
            return new ProcessDecision(Outcome.OUT_OF_ORDER, Optional.of(step.id()),
                    step.describe() + " is already complete; " + progress.describeOpen() + " open now");
        }

        private ProcessDecision notOpenYet(Step step) {
            return new ProcessDecision(Outcome.OUT_OF_ORDER, Optional.of(step.id()),
                    step.describe() + " is not open yet; " + progress.describeOpen() + " still open");
        }
    }
}
