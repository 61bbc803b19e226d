package io.sealgate.policy;

import io.sealgate.config.ConfigError;
import io.sealgate.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ProcessTemplateTest {

    @Test
    void builderKeepsStagesInOrderWithParallelStepsGrouped() {
        ProcessTemplate template = Processes.purchaseOrder();

        assertThat(template.describe()).isEqualTo("purchase-order v3");
        assertThat(template.stages()).hasSize(3);
        assertThat(template.stages().get(1).parallel()).isTrue();
        assertThat(template.steps().map(Step::id)).containsExactly("create", "legal", "finance", "board");
        assertThat(template.sealStepId()).contains("seal");
        assertThat(template.step("board").orElseThrow().assignees())
                .isEqualTo(new Assignees(Optional.empty(), Set.of("erin", "frank", "grace"), Set.of(), 2));
    }

    @Test
    void resolvingFillsTheCreatingOrganisationOnlyWhereAStepLeavesItEmpty() throws ConfigException {
        ProcessTemplate template = ProcessTemplate.builder("nda", 1)
                .step(Step.builder("create", StepMeaning.CREATE).roles("sales"))
                .step(Step.builder("countersign", StepMeaning.APPROVE).organisation("globex").roles("legal"))
                .build()
                .resolvedFor("acme");

        assertThat(template.step("create").orElseThrow().assignees().organisation()).contains("acme");
        assertThat(template.step("countersign").orElseThrow().assignees().organisation()).contains("globex");
    }

    @Test
    void assigneesDescribeThemselvesForMessages() {
        assertThat(new Assignees(Optional.of("acme"), Set.of(), Set.of("legal"), 1).describe())
                .isEqualTo("role legal of acme");
        assertThat(new Assignees(Optional.of("acme"), Set.of("bob", "alice"), Set.of("legal", "buyer"), 1).describe())
                .isEqualTo("users alice, bob or roles buyer, legal of acme");
        assertThat(new Assignees(Optional.of("acme"), Set.of("grace", "erin", "frank"), Set.of(), 2).describe())
                .isEqualTo("2 distinct signers among users erin, frank, grace of acme");
    }

    @Test
    void stepWithoutAssigneesIsRefusedWithItsPath() {
        assertThat(errors(ProcessTemplate.builder("po", 1)
                .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                .step(Step.builder("approve", StepMeaning.APPROVE))))
                .containsExactly("steps[1].assignees: empty (expected: at least one user or role)");
    }

    @Test
    void everyProblemIsListedAtOnce() {
        assertThat(errors(ProcessTemplate.builder()
                .step(Step.builder().id("Create Step").users("alice"))
                .parallel(Step.builder("legal", StepMeaning.REVIEW).roles("legal", " "),
                          Step.builder("legal", StepMeaning.CREATE).users("bob", "bob"))
                .step(Step.builder("board", StepMeaning.APPROVE).users("erin", "frank").required(3))
                .organisationSeal("board")))
                .containsExactly(
                        "id: missing (expected: letters, digits, '.', '_' or '-', starting with a letter or digit,"
                        + " at most 64 characters)",
                        "version: 0 (expected: at least 1)",
                        "steps[0].id: \"Create Step\" (expected: letters, digits, '.', '_' or '-', starting with a"
                        + " letter or digit, at most 64 characters)",
                        "steps[0].meaning: missing (expected: create, review, approve or seal)",
                        "steps[1].parallel[0].assignees.roles[1]: \" \" (expected: a role name)",
                        "steps[1].parallel[1].id: legal (expected: unique; steps[1].parallel[0] uses it)",
                        "steps[1].parallel[1].meaning: create (expected: review, approve or seal; only the first step"
                        + " creates)",
                        "steps[1].parallel[1].assignees.users[1]: bob (expected: no duplicates)",
                        "steps[2].assignees.required: 3 (expected: 1-2, the number of users)",
                        "seal: board (expected: an id no step uses; steps[2] uses it)");
    }

    @Test
    void processWithoutStepsIsRefused() {
        assertThat(errors(ProcessTemplate.builder("po", 1)))
                .containsExactly("steps: empty (expected: at least one step, the first with meaning create)");
    }

    @Test
    void firstStepMustCreate() {
        assertThat(errors(ProcessTemplate.builder("po", 1)
                .step(Step.builder("review", StepMeaning.REVIEW).users("alice"))))
                .containsExactly("steps[0].meaning: review (expected: create, since the first step records who"
                                 + " created the document)");
    }

    @Test
    void createStepHasExactlyOneSigner() {
        assertThat(errors(ProcessTemplate.builder("po", 1)
                .step(Step.builder("create", StepMeaning.CREATE).users("alice", "bob").required(2))))
                .containsExactly("steps[0].assignees.required: 2 (expected: 1, since a document has one creator)");
    }

    @Test
    void processMayNotStartWithParallelSteps() {
        assertThat(errors(ProcessTemplate.builder("po", 1)
                .parallel(Step.builder("create", StepMeaning.CREATE).users("alice"),
                          Step.builder("review", StepMeaning.REVIEW).users("bob"))))
                .containsExactly("steps[0].parallel: 2 steps (expected: a single create step first)");
    }

    @Test
    void parallelGroupNeedsAtLeastTwoSteps() {
        assertThat(errors(ProcessTemplate.builder("po", 1)
                .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                .parallel(Step.builder("review", StepMeaning.REVIEW).users("bob"))))
                .containsExactly("steps[1].parallel: 1 step (expected: at least 2 parallel steps)");
    }

    @Test
    void requiredCountBelowOneIsRefused() {
        assertThat(errors(ProcessTemplate.builder("po", 1)
                .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                .step(Step.builder("board", StepMeaning.APPROVE).roles("board").required(0))))
                .containsExactly("steps[1].assignees.required: 0 (expected: at least 1)");
    }

    @Test
    void roleBasedQuorumIsNotBoundedByTheNamedUsers() throws ConfigException {
        ProcessTemplate template = ProcessTemplate.builder("po", 1)
                .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                .step(Step.builder("board", StepMeaning.APPROVE).users("erin").roles("board").required(3))
                .build();

        assertThat(template.step("board").orElseThrow().assignees().required()).isEqualTo(3);
    }

    @Test
    void blankOrganisationIsRefused() {
        assertThat(errors(ProcessTemplate.builder("po", 1)
                .step(Step.builder("create", StepMeaning.CREATE).organisation("").users("alice"))))
                .containsExactly("steps[0].assignees.organisation: \"\" (expected: an organisation id)");
    }

    @Test
    void errorsAreConfigErrorsThatALoaderCanLocate() {
        ConfigException e = catchThrowableOfType(ConfigException.class,
                () -> ProcessTemplate.builder("po", 0).step(Step.builder("create", StepMeaning.CREATE)
                                                                .users("alice")).build());

        assertThat(e.errors()).containsExactly(
                new ConfigError(Optional.empty(), 0, "version", "0 (expected: at least 1)"));
        assertThat(e).hasMessage("<config>: version: 0 (expected: at least 1)");
    }

    private static List<String> errors(ProcessTemplate.Builder builder) {
        ConfigException e = catchThrowableOfType(ConfigException.class, builder::build);
        assertThat(e).as("expected the builder to refuse").isNotNull();
        return e.errors().stream().map(error -> error.key() + ": " + error.message()).toList();
    }
}
