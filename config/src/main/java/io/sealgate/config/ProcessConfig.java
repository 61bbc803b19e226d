package io.sealgate.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An approval process as written under {@code processes:}. The loader checks only its shape (types, required keys,
 * meaning values); the process rules (first step creates, unique step ids, {@code required} within the number of
 * users, ...) belong to {@code io.sealgate.policy.ProcessTemplates}, which turns this into a {@code ProcessTemplate}.
 * Lists keep what was written, duplicates included, so that the rules can point at the offending entry.
 *
 * @param id       the process id (the key under {@code processes:})
 * @param version  the template version, as written (validity is a process rule)
 * @param stages   the stages in order: each a single step or a parallel group
 * @param seal     the step id of the final organisation seal; empty for a process without one
 */
public record ProcessConfig(String id, int version, List<StageConfig> stages, Optional<String> seal) {

    public ProcessConfig {
        Objects.requireNonNull(id, "id");
        stages = List.copyOf(stages);
        Objects.requireNonNull(seal, "seal");
    }

    /**
     * One entry of {@code steps:}: a single step, or a {@code parallel:} group.
     *
     * @param parallel  whether the entry was written as {@code parallel:}
     * @param steps     the step, or the group's steps in order
     */
    public record StageConfig(boolean parallel, List<StepConfig> steps) {

        public StageConfig {
            steps = List.copyOf(steps);
        }
    }

    /**
     * One step.
     *
     * @param id        the step id
     * @param meaning   {@code create}, {@code review} or {@code approve}
     * @param users     user ids that may perform it, as written
     * @param roles     roles whose holders may perform it, as written
     * @param required  how many distinct people must sign; 1 unless set
     */
    public record StepConfig(String id, String meaning, List<String> users, List<String> roles, int required,
                             Optional<String> organisation) {

        public static final List<String> MEANINGS = List.of("create", "review", "approve", "seal");

        public StepConfig {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(meaning, "meaning");
            users = List.copyOf(users);
            roles = List.copyOf(roles);
            Objects.requireNonNull(organisation, "organisation");
        }

        /** A step of the creating organisation. */
        public StepConfig(String id, String meaning, List<String> users, List<String> roles, int required) {
            this(id, meaning, users, roles, required, Optional.empty());
        }
    }
}
