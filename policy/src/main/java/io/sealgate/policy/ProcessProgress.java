package io.sealgate.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Replays a signature chain over a manifest, signature by signature, the way a careful clerk would: a signature that
 * breaks a rule is recorded as a violation and not counted, and the replay goes on so that every problem is listed.
 * The one place where the rules of order, eligibility, n-of-m and the seal live.
 */
final class ProcessProgress {

    private final ProcessManifest manifest;
    private final ProcessTemplate process;
    /** Step id -> the distinct people whose signatures counted for it. */
    private final Map<String, List<Identity>> signers = new HashMap<>();
    private final List<String> violations = new ArrayList<>();
    private int currentStage;
    private boolean sealed;

    private ProcessProgress(ProcessManifest manifest) {
        this.manifest = manifest;
        this.process = manifest.process();
    }

    static ProcessProgress replay(ProcessManifest manifest, List<PerformedSignature> chain) {
        ProcessProgress progress = new ProcessProgress(manifest);
        PerformedSignature previous = null;
        for (int i = 0; i < chain.size(); i++) {
            PerformedSignature signature = chain.get(i);
            progress.apply(i + 1, signature, previous);
            previous = signature;
        }
        return progress;
    }

    private void apply(int number, PerformedSignature sig, PerformedSignature previous) {
        String who = "signature " + number + " (" + sig.describeSigner() + ")";
        if (previous != null && sig.revision() < previous.revision()) {
            violations.add(who + " covers revision " + sig.revision() + ", before revision " + previous.revision()
                           + " of signature " + (number - 1));
        }
        if (previous != null && sig.signingTime().isBefore(previous.signingTime())) {
            violations.add(who + " was signed at " + sig.signingTime() + ", before signature " + (number - 1)
                           + " (" + previous.signingTime() + ")");
        }
        if (!sig.coversWholeRevision()) {
            violations.add(who + " does not cover the whole of revision " + sig.revision());
        }
        if (sealed) {
            violations.add(who + " follows the organisation seal");
            return;
        }
        if (sig.claimedStep().isEmpty()) {
            violations.add(who + " claims no step");
            return;
        }
        String stepId = sig.claimedStep().get();
        if (process.sealStepId().filter(stepId::equals).isPresent()) {
            applySeal(who, sig);
            return;
        }
        Optional<Step> found = process.step(stepId);
        if (found.isEmpty()) {
            violations.add(who + " claims step " + stepId + ", which process " + process.describe()
                           + " does not have");
            return;
        }
        Step step = found.get();
        if (sig.organisationSeal() && !step.isSeal()) {
            violations.add(who + " claims step " + stepId + process.sealStepId()
                    .map(seal -> " (expected: " + seal + ", the seal's step)")
                    .orElse(", which a person performs"));
            return;
        }
        int stage = stageOf(stepId);
        if (stage > currentStage) {
            violations.add(who + " performs step " + stepId + " out of order: " + describeOpen()
                           + " not complete yet");
        } else if (stage < currentStage || complete(step)) {
            violations.add(who + " performs step " + stepId + ", which was already complete");
        } else if (!mayPerform(step, sig)) {
            violations.add(who + " performs step " + stepId + ", which only " + step.assignees().describe()
                           + " may perform");
        } else if (hasSigned(step, sig.signer())) {
            violations.add(who + " signs step " + stepId + " a second time (expected: "
                           + step.assignees().required() + " distinct signers)");
        } else {
            signers.computeIfAbsent(stepId, id -> new ArrayList<>()).add(sig.signer());
            while (currentStage < process.stages().size()
                   && process.stages().get(currentStage).steps().stream().allMatch(this::complete)) {
                currentStage++;
            }
        }
    }

    /** A person eligible under the step's assignees, or for a seal step, the seal of the step's organisation. */
    private boolean mayPerform(Step step, PerformedSignature sig) {
        if (step.isSeal()) {
            return sig.organisationSeal() && sig.signer().organisation().equals(organisationOf(step));
        }
        return step.assignees().admits(sig.signer(), manifest.organisation());
    }

    private String organisationOf(Step step) {
        return step.assignees().organisation().orElse(manifest.organisation());
    }

    /**
     * The seal this chain waits for: a seal step that is the open stage, or the final seal once every step is
     * complete; empty when a person's step is open, the process is complete or has no seal left.
     */
    Optional<ChainVerdict.DueSeal> dueSeal() {
        if (stepsComplete()) {
            return sealed ? Optional.empty() : process.sealStepId()
                    .map(id -> new ChainVerdict.DueSeal(id, manifest.organisation()));
        }
        List<Step> open = openSteps();
        return open.size() == 1 && open.get(0).isSeal()
                ? Optional.of(new ChainVerdict.DueSeal(open.get(0).id(), organisationOf(open.get(0))))
                : Optional.empty();
    }

    private void applySeal(String who, PerformedSignature sig) {
        String sealStep = process.sealStepId().orElseThrow();
        if (!sig.organisationSeal()) {
            violations.add(who + " claims step " + sealStep + ", which only the organisation seal of "
                           + manifest.organisation() + " may perform");
            return;
        }
        if (!sig.signer().organisation().equals(manifest.organisation())) {
            violations.add(who + " claims step " + sealStep + " (expected: the organisation seal of "
                           + manifest.organisation() + ")");
            return;
        }
        if (!stepsComplete()) {
            violations.add(who + " was applied before the process was complete (pending: "
                           + String.join(", ", pendingSteps(false)) + ")");
        }
        sealed = true;
    }

    /** Whether every step (not counting the seal) is complete. */
    boolean stepsComplete() {
        return currentStage == process.stages().size();
    }

    boolean sealed() {
        return sealed;
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    boolean complete(Step step) {
        return signers.getOrDefault(step.id(), List.of()).size() >= step.assignees().required();
    }

    int signatureCount(Step step) {
        return signers.getOrDefault(step.id(), List.of()).size();
    }

    boolean hasSigned(Step step, Identity identity) {
        return signers.getOrDefault(step.id(), List.of()).stream().anyMatch(identity::samePersonAs);
    }

    int stageOf(String stepId) {
        for (int i = 0; i < process.stages().size(); i++) {
            if (process.stages().get(i).step(stepId).isPresent()) {
                return i;
            }
        }
        return -1;
    }

    int currentStage() {
        return currentStage;
    }

    /** The incomplete steps of the current stage, in template order; empty when every step is complete. */
    List<Step> openSteps() {
        if (stepsComplete()) {
            return List.of();
        }
        return process.stages().get(currentStage).steps().stream().filter(s -> !complete(s)).toList();
    }

    /** Ids of every incomplete step from the current stage on, then (if asked) the seal's id if it is still due. */
    List<String> pendingSteps(boolean withSeal) {
        List<String> pending = new ArrayList<>();
        for (int i = currentStage; i < process.stages().size(); i++) {
            process.stages().get(i).steps().stream().filter(s -> !complete(s)).forEach(s -> pending.add(s.id()));
        }
        if (withSeal) {
            process.sealStepId().filter(seal -> !sealed).ifPresent(pending::add);
        }
        return pending;
    }

    /** {@code step legal is} or {@code steps legal and finance are}. */
    String describeOpen() {
        List<Step> open = openSteps();
        String ids = open.stream().map(Step::id).collect(Collectors.joining(" and "));
        return open.size() == 1 ? "step " + ids + " is" : "steps " + ids + " are";
    }
}
