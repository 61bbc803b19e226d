package io.sealgate.policy;

import io.sealgate.config.ConfigException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * An approval process: stages in order (each a single step or a group of parallel steps) and an optional final
 * organisation seal, applied automatically by the organisation seal key once every step is complete.
 *
 * <p>Immutable and always valid: only {@link Builder#build()} makes one, after checking every rule. The first stage
 * is a single {@link StepMeaning#CREATE} step with one required signer, because the creator's signature is the one
 * that embeds the {@link ProcessManifest}; no other step creates. Step ids (and the seal's id) are unique.
 */
public final class ProcessTemplate {

    private final String id;
    private final int version;
    private final List<Stage> stages;
    private final Optional<String> sealStepId;

    ProcessTemplate(String id, int version, List<Stage> stages, Optional<String> sealStepId) {
        this.id = id;
        this.version = version;
        this.stages = List.copyOf(stages);
        this.sealStepId = sealStepId;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Builder builder(String id, int version) {
        return new Builder().id(id).version(version);
    }

    /** e.g. {@code purchase-order}. */
    public String id() {
        return id;
    }

    /** Starts at 1; a changed template gets a new version so that manifests already embedded keep their meaning. */
    public int version() {
        return version;
    }

    /** The stages in order; never empty, the first is the single create step. */
    public List<Stage> stages() {
        return stages;
    }

    /** The step id an organisation seal claims; empty when the process ends without a seal. */
    public Optional<String> sealStepId() {
        return sealStepId;
    }

    /** Every step in order (parallel steps in template order). */
    public Stream<Step> steps() {
        return stages.stream().flatMap(s -> s.steps().stream());
    }

    public Optional<Step> step(String stepId) {
        return steps().filter(s -> s.id().equals(stepId)).findFirst();
    }

    /** The single create step. */
    public Step createStep() {
        return stages.get(0).steps().get(0);
    }

    /** {@code purchase-order v3}: how messages name a process. */
    public String describe() {
        return id + " v" + version;
    }

    /** This template with every step's empty organisation replaced by {@code creatingOrganisation}. */
    public ProcessTemplate resolvedFor(String creatingOrganisation) {
        Identity.requireText(creatingOrganisation, "creatingOrganisation");
        return new ProcessTemplate(id, version,
                stages.stream().map(s -> s.resolvedFor(creatingOrganisation)).toList(), sealStepId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProcessTemplate t && id.equals(t.id) && version == t.version
               && stages.equals(t.stages) && sealStepId.equals(t.sealStepId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, version, stages, sealStepId);
    }

    @Override
    public String toString() {
        return "ProcessTemplate[" + describe() + ", stages=" + stages + ", seal=" + sealStepId.orElse("none") + ']';
    }

    /**
     * Collects raw values (as a config loader reads them) and validates them all in {@link #build()}, which lists
     * every problem with its path, e.g. {@code steps[1].assignees: empty (expected: at least one user or role)}.
     */
    public static final class Builder {
        String id;
        int version;
        final List<List<Step.Builder>> stages = new ArrayList<>();
        final List<Boolean> parallel = new ArrayList<>();
        String sealStepId;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder version(int version) {
            this.version = version;
            return this;
        }

        /** Appends a sequential step. */
        public Builder step(Step.Builder step) {
            stages.add(List.of(Objects.requireNonNull(step, "step")));
            parallel.add(false);
            return this;
        }

        /** Appends a group of steps that may be performed in any order among themselves (at least two). */
        public Builder parallel(Step.Builder... steps) {
            return parallel(Arrays.asList(steps));
        }

        /** Appends a group of steps that may be performed in any order among themselves (at least two). */
        public Builder parallel(List<Step.Builder> steps) {
            stages.add(List.copyOf(steps));
            parallel.add(true);
            return this;
        }

        /** Ends the process with the organisation seal, which claims {@code stepId} (conventionally {@code seal}). */
        public Builder organisationSeal(String stepId) {
            this.sealStepId = stepId;
            return this;
        }

        /**
         * Returns the template.
         *
         * @throws ConfigException listing every problem, each keyed by its path within the template
         */
        public ProcessTemplate build() throws ConfigException {
            return new TemplateValidator(this).validate();
        }
    }
}
