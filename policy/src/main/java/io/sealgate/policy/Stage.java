package io.sealgate.policy;

import java.util.List;
import java.util.Optional;

/**
 * One position in a process's order: a single step, or a group of parallel steps that may be performed in any
 * order among themselves. Every step of a stage must be complete before any step of the next stage may start.
 *
 * @param steps one step, or two or more parallel steps, in template order
 */
public record Stage(List<Step> steps) {

    public Stage {
        steps = List.copyOf(steps);
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("steps: empty (expected: at least one step)");
        }
    }

    /** Whether this stage is a group of parallel steps. */
    public boolean parallel() {
        return steps.size() > 1;
    }

    public Optional<Step> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    Stage resolvedFor(String creatingOrganisation) {
        return new Stage(steps.stream()
                .map(s -> new Step(s.id(), s.meaning(), s.assignees().resolvedFor(creatingOrganisation)))
                .toList());
    }
}
