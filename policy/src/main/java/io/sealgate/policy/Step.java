package io.sealgate.policy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One step of a process: its id (what a signature claims to perform), what it means and who may perform it.
 * Templates are assembled from {@link Builder}s, which hold raw values; {@link ProcessTemplate.Builder#build()}
 * validates them all at once and names each problem by its path.
 *
 * @param id        unique within the template, e.g. {@code legal-review}
 * @param meaning   create, review, approve, or seal (performed by an organisation seal)
 * @param assignees who may perform it
 */
public record Step(String id, StepMeaning meaning, Assignees assignees) {

    public Step {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(meaning, "meaning");
        Objects.requireNonNull(assignees, "assignees");
        if (meaning == StepMeaning.SEAL != assignees.sealOnly()) {
            throw new IllegalArgumentException(meaning == StepMeaning.SEAL
                    ? "assignees: " + assignees.describe() + " (expected: no users or roles; a seal step is"
                      + " performed by its organisation's seal)"
                    : "assignees: empty (expected: at least one user or role)");
        }
        if (meaning == StepMeaning.SEAL && assignees.required() != 1) {
            throw new IllegalArgumentException("assignees.required: " + assignees.required()
                    + " (expected: 1, an organisation has one seal)");
        }
    }

    /** Whether an organisation seal performs this step rather than a person. */
    public boolean isSeal() {
        return meaning == StepMeaning.SEAL;
    }

    /** {@code step legal-review}: how messages name a step. */
    public String describe() {
        return "step " + id;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static Builder builder(String id, StepMeaning meaning) {
        return new Builder().id(id).meaning(meaning);
    }

    /** Raw, unvalidated values of a step; a config loader sets what the YAML holds and leaves the rest. */
    public static final class Builder {
        String id;
        StepMeaning meaning;
        String organisation;
        final List<String> users = new ArrayList<>();
        final List<String> roles = new ArrayList<>();
        int required = 1;

        private Builder() {
        }

        public Builder id(String id) {
            this.id = id;
            return this;
        }

        public Builder meaning(StepMeaning meaning) {
            this.meaning = meaning;
            return this;
        }

        /** The organisation whose members may perform the step; unset means the creating organisation. */
        public Builder organisation(String organisation) {
            this.organisation = organisation;
            return this;
        }

        public Builder users(String... userIds) {
            users.addAll(Arrays.asList(userIds));
            return this;
        }

        public Builder roles(String... roleNames) {
            roles.addAll(Arrays.asList(roleNames));
            return this;
        }

        /** How many distinct eligible people must sign (n of an n-of-m group); 1 unless set. */
        public Builder required(int required) {
            this.required = required;
            return this;
        }

        Step build() {
            return new Step(id, meaning, new Assignees(Optional.ofNullable(organisation), Set.copyOf(users),
                                                       Set.copyOf(roles), required));
        }
    }
}
