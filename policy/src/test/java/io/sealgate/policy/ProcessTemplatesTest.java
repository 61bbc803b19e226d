package io.sealgate.policy;

import io.sealgate.config.ConfigError;
import io.sealgate.config.ConfigException;
import io.sealgate.config.ConfigLoader;
import io.sealgate.config.RouteAction;
import io.sealgate.config.SealgateConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@code processes:} and {@code key-rules:} loaded through {@link ConfigLoader} with {@link ProcessTemplates#validate}
 * plugged in: the templates and rules they become, and each kind of rule violation with its YAML path and line.
 * Every YAML starts with {@link #HEAD} (lines 1-3).
 */
class ProcessTemplatesTest {

    private static final String HEAD = """
            listeners: [{host: 127.0.0.1, port: 0}]
            upstreams: {saas: {url: "http://127.0.0.1:9000"}}
            routes: [{name: upload, upstream: saas, action: pass}, {name: approve, upstream: saas, action: pass}]
            """;

    private static final String PURCHASE_ORDER = """
            processes:
              purchase-order:
                version: 2
                steps:
                  - id: create
                    meaning: create
                    users: [alice]
                  - id: review
                    meaning: review
                    roles: [manager]
                  - parallel:
                      - { id: legal, meaning: approve, users: [carol] }
                      - { id: finance, meaning: approve, users: [erin, frank, grace], required: 2 }
                seal: org-seal
            """;

    @TempDir
    Path dir;

    private SealgateConfig load(String yaml) throws ConfigException {
        return ConfigLoader.builder().environment(Map.of("ALICE_TOKEN", "alice-token-0123456789")::get)
                .validator(ProcessTemplates::validate).build().parse(HEAD + yaml, file());
    }

    private Path file() {
        return dir.resolve("sealgate.yaml");
    }

    private List<String> errors(String yaml) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(yaml));
        assertThat(e).as("config loaded without errors").isNotNull();
        return e.errors().stream().map(error -> error.line() + ": " + error.key() + ": " + error.message()).toList();
    }

    @Test
    void aSealStepBelongsToTheOrganisationItNames() throws Exception {
        ProcessTemplate template = ProcessTemplates.from(load("""
                processes:
                  contract:
                    steps:
                      - { id: create, meaning: create, users: [alice] }
                      - { id: legal, meaning: approve, organisation: Globex, users: [gina] }
                      - { id: globex-seal, meaning: seal, organisation: Globex }
                """)).get("contract");

        Step seal = template.step("globex-seal").orElseThrow();
        assertThat(seal.isSeal()).isTrue();
        assertThat(seal.assignees().describe()).isEqualTo("the organisation seal of Globex");
    }

    @Test
    void aSealStepNamingPeopleIsRefusedAtItsLine() {
        assertThat(errors("""
                processes:
                  contract:
                    steps:
                      - { id: create, meaning: create, users: [alice] }
                      - { id: acme-seal, meaning: seal, users: [bob] }
                """)).containsExactly("8: processes.contract.steps[1].users: bob (expected: none; a seal step is"
                + " performed by its organisation's seal key)");
    }

    @Test
    void processesBecomeTheTemplatesTheBuilderMakes() throws Exception {
        SealgateConfig config = load(PURCHASE_ORDER);

        assertThat(ProcessTemplates.from(config)).containsExactly(Map.entry("purchase-order",
                ProcessTemplate.builder("purchase-order", 2)
                        .step(Step.builder("create", StepMeaning.CREATE).users("alice"))
                        .step(Step.builder("review", StepMeaning.REVIEW).roles("manager"))
                        .parallel(Step.builder("legal", StepMeaning.APPROVE).users("carol"),
                                  Step.builder("finance", StepMeaning.APPROVE).users("erin", "frank", "grace")
                                          .required(2))
                        .organisationSeal("org-seal")
                        .build()));
    }

    @Test
    void aStepOfAPartnerOrganisationNamesItAndTheOthersStayWithTheCreator() throws Exception {
        SealgateConfig config = load("""
                processes:
                  contract:
                    steps:
                      - { id: create, meaning: create, users: [alice] }
                      - { id: countersign, meaning: approve, users: [gina], organisation: Globex }
                """);

        ProcessTemplate contract = ProcessTemplates.from(config).get("contract").resolvedFor("Acme");

        assertThat(contract.step("create").orElseThrow().assignees().organisation()).contains("Acme");
        assertThat(contract.step("countersign").orElseThrow().assignees().organisation()).contains("Globex");
    }

    @Test
    void keyRulesBecomeKeyUsageRules() throws Exception {
        SealgateConfig config = load(PURCHASE_ORDER + """
                key-rules:
                  - key: alice
                    templates: [purchase-order]
                    steps: [create]
                    routes: [upload]
                    valid-from: 2026-01-01T00:00:00Z
                    valid-until: 2027-01-01T00:00:00Z
                    daily-limit: 100
                  - { role: manager, steps: [review] }
                """);

        assertThat(ProcessTemplates.keyUsageRules(config).rules()).containsExactly(
                new KeyUsageRule(Optional.of("alice"), Optional.empty(), Set.of("purchase-order"), Set.of("create"),
                                 Set.of("upload"), Optional.of(Instant.parse("2026-01-01T00:00:00Z")),
                                 Optional.of(Instant.parse("2027-01-01T00:00:00Z")), OptionalLong.of(100)),
                new KeyUsageRule(Optional.empty(), Optional.of("manager"), Set.of(), Set.of("review"), Set.of(),
                                 Optional.empty(), Optional.empty(), OptionalLong.empty()));
    }

    @Test
    void theFirstStepMustCreateAndOnlyIt() {
        assertThat(errors("""
                processes:
                  po:
                    steps:
                      - { id: review, meaning: review, users: [bob] }
                      - { id: create, meaning: create, users: [alice] }
                """)).containsExactly(
                "7: processes.po.steps[0].meaning: review (expected: create, since the first step records who created"
                + " the document)",
                "8: processes.po.steps[1].meaning: create (expected: review, approve or seal; only the first step"
                + " creates)");
    }

    @Test
    void stepIdsAreUniqueAndTheSealClaimsNoStepsId() {
        assertThat(errors("""
                processes:
                  po:
                    steps:
                      - { id: create, meaning: create, users: [alice] }
                      - id: create
                        meaning: approve
                        users: [bob]
                    seal: create
                """)).containsExactly(
                "8: processes.po.steps[1].id: create (expected: unique; steps[0] uses it)",
                "11: processes.po.seal: create (expected: an id no step uses; steps[0] uses it)");
    }

    @Test
    void aStepWithoutUsersOrRolesIsReportedOnTheStep() {
        assertThat(errors("""
                processes:
                  po:
                    steps:
                      - { id: create, meaning: create, users: [alice] }
                      - id: approve
                        meaning: approve
                """)).containsExactly(
                "8: processes.po.steps[1]: empty (expected: at least one user or role)");
    }

    @Test
    void requiredCannotExceedTheUsersNorExceedOneForTheCreator() {
        assertThat(errors("""
                processes:
                  po:
                    steps:
                      - { id: create, meaning: create, users: [alice, bob], required: 2 }
                      - parallel:
                          - { id: legal, meaning: approve, users: [carol] }
                          - { id: board, meaning: approve, users: [erin, frank, erin], required: 3 }
                """)).containsExactly(
                "7: processes.po.steps[0].required: 2 (expected: 1, since a document has one creator)",
                "10: processes.po.steps[1].parallel[1].users[2]: erin (expected: no duplicates)",
                "10: processes.po.steps[1].parallel[1].required: 3 (expected: 1-2, the number of users)");
    }

    /** A group's problems point at its first step, the start of the {@code parallel:} list. */
    @Test
    void aParallelGroupHasAtLeastTwoStepsAndIsNeverFirst() {
        assertThat(errors("""
                processes:
                  po:
                    steps:
                      - parallel:
                          - { id: a, meaning: create, users: [alice] }
                          - { id: b, meaning: create, users: [bob] }
                      - parallel:
                          - { id: legal, meaning: approve, users: [carol] }
                """)).containsExactly(
                "8: processes.po.steps[0].parallel: 2 steps (expected: a single create step first)",
                "11: processes.po.steps[1].parallel: 1 step (expected: at least 2 parallel steps)");
    }

    @Test
    void stepIdsUseTheSafeAlphabet() {
        assertThat(errors("""
                processes:
                  po:
                    steps:
                      - { id: "create step", meaning: create, users: [alice] }
                """)).containsExactly(
                "7: processes.po.steps[0].id: \"create step\" (expected: letters, digits, '.', '_' or '-', starting"
                + " with a letter or digit, at most 64 characters)");
    }

    @Test
    void keyRuleRulesAreReportedInTheYamlSpelling() {
        assertThat(errors("""
                key-rules:
                  - { templates: [x] }
                  - key: alice
                    role: manager
                    daily-limit: 5
                  - key: alice
                    valid-from: 2027-01-01T00:00:00Z
                    valid-until: 2026-01-01T00:00:00Z
                  - { key: alice }
                """)).containsExactly(
                "5: key-rules[0]: neither key nor role (expected: exactly one of key, role)",
                "5: key-rules[0].templates[0]: x: no such process (expected: a process defined in the config)",
                "6: key-rules[1]: both key and role (expected: exactly one of key, role)",
                "11: key-rules[2].valid-until: 2026-01-01T00:00:00Z (expected: after valid-from"
                + " 2027-01-01T00:00:00Z)",
                "12: key-rules[3]: no restriction (expected: at least one of templates, steps, routes, valid-from,"
                + " valid-until, daily-limit)");
    }

    @Test
    void keyRulesMayNameOnlyProcessesStepsAndRoutesThatExist() {
        assertThat(errors(PURCHASE_ORDER + """
                  memo:
                    steps: [{ id: write, meaning: create, users: [alice] }]
                key-rules:
                  - key: alice
                    templates: [purchase-order, purchase]
                    steps: [create, write, org-seal]
                    routes: [upload, uplaod]
                  - { role: intern, steps: [write, sign] }
                """)).containsExactly(
                "22: key-rules[0].templates[1]: purchase: no such process (expected: one of purchase-order, memo)",
                "23: key-rules[0].steps[1]: write: no such step (expected: one of create, review, legal, finance,"
                + " org-seal)",
                "24: key-rules[0].routes[1]: uplaod: no such route (expected: one of upload, approve)",
                "25: key-rules[1].steps[1]: sign: no such step (expected: one of create, review, legal, finance,"
                + " org-seal, write)");
    }

    @Test
    void aProcessTheLoaderAlreadyFaultedIsNotJudgedAgain() {
        assertThat(errors("""
                processes:
                  po:
                    steps:
                      - { id: review, meaning: reviews, users: [bob] }
                """)).containsExactly(
                "7: processes.po.steps[0].meaning: reviews, did you mean 'review'? (expected: create, review,"
                + " approve or seal)");
    }

    @Test
    void theSystemIdentityIsNotAUserName() {
        assertThat(errors("""
                users:
                  sealgate: { token: "${ALICE_TOKEN}" }
                """)).containsExactly(
                "5: users.sealgate: reserved (expected: a user id other than sealgate, which names Sealgate itself)");
    }

    @Test
    void fromRefusesABrokenConfigBuiltInCode() throws Exception {
        SealgateConfig valid = load(PURCHASE_ORDER);
        SealgateConfig broken = new SealgateConfig(valid.source(), valid.reservedPrefix(), valid.server(),
                valid.listeners(), valid.upstreams(), valid.routes(), valid.token(), valid.organisation(),
                valid.signing(), valid.log(), valid.users(), Map.of("po", new io.sealgate.config.ProcessConfig("po", 1,
                        List.of(), Optional.empty())), valid.keyRules());

        assertThatThrownBy(() -> ProcessTemplates.from(broken)).isInstanceOf(ConfigException.class)
                .extracting(e -> ((ConfigException) e).errors())
                .isEqualTo(List.of(new ConfigError(Optional.empty(), 0, "processes.po.steps",
                                                   "empty (expected: at least one step, the first with meaning create)")));
    }

    @Test
    void eachUserSignsOnlyWithTheKeyUsersGivesThem() throws Exception {
        KeyUsageGuard guard = ProcessTemplates.keyOwnership(load("""
                users:
                  alice: { token: "alice-token-0123456789", key: alice-2026 }
                  bob: { token: "bob-token-0123456789" }
                """));

        guard.check(new KeyUse("alice", "alice-2026", "po-17.pdf, step create"));
        guard.check(new KeyUse("bob", "bob", "po-17.pdf, step review"));
        assertThatThrownBy(() -> guard.check(new KeyUse("alice", "alice", "po-17.pdf, step create")))
                .isInstanceOf(KeyUsageDeniedException.class)
                .hasMessage("alice may not use key 'alice' for po-17.pdf, step create: the user's key is 'alice-2026'");
        assertThatThrownBy(() -> guard.check(new KeyUse("alice", "bob", "po-17.pdf, step create")))
                .isInstanceOf(KeyUsageDeniedException.class)
                .hasMessage("alice may not use key 'bob' for po-17.pdf, step create: the key belongs to another user");
        assertThatThrownBy(() -> guard.check(new KeyUse("mallory", "mallory", "po-17.pdf, step create")))
                .isInstanceOf(KeyUsageDeniedException.class)
                .hasMessage("mallory may not use key 'mallory' for po-17.pdf, step create: not a user of this"
                            + " Sealgate");
    }

    @Test
    void sealgateItselfMayUseTheSealButNoUsersKey() throws Exception {
        KeyUsageGuard guard = ProcessTemplates.keyOwnership(load("""
                users:
                  alice: { token: "alice-token-0123456789" }
                """));

        guard.check(new KeyUse(KeyUse.SYSTEM, "sealgate-seal", "po-17.pdf, organisation seal"));
        assertThatThrownBy(() -> guard.check(new KeyUse(KeyUse.SYSTEM, "alice", "po-17.pdf, step create")))
                .isInstanceOf(KeyUsageDeniedException.class)
                .hasMessage("sealgate may not use key 'alice' for po-17.pdf, step create: the key belongs to user"
                            + " alice");
    }

    @Test
    void keyUsageRulesJudgeOnTopOfKeyOwnership() throws Exception {
        KeyUsageRules rules = ProcessTemplates.keyUsageRules(load(PURCHASE_ORDER + """
                users:
                  alice: { token: "alice-token-0123456789", key: alice-2026 }
                key-rules:
                  - { key: alice-2026, steps: [create] }
                """));
        KeyUseContext context = new KeyUseContext(Set.of(), "upload", "purchase-order", "create",
                                                  Instant.parse("2026-06-01T00:00:00Z"), 0);

        rules.check(new KeyUse("alice", "alice-2026", "po-17.pdf, step create"), context);
        assertThatThrownBy(() -> rules.check(new KeyUse("alice", "alice", "po-17.pdf, step create"), context))
                .isInstanceOf(KeyUsageDeniedException.class)
                .hasMessageEndingWith(": the user's key is 'alice-2026'");
        assertThatThrownBy(() -> rules.check(new KeyUse("alice", "alice-2026", "po-17.pdf, step review"),
                new KeyUseContext(Set.of(), "approve", "purchase-order", "review",
                                  Instant.parse("2026-06-01T00:00:00Z"), 0)))
                .isInstanceOf(KeyUsageDeniedException.class)
                .hasMessage("alice may not use key 'alice-2026' for po-17.pdf, step review: key alice-2026 may sign"
                            + " for steps create only (this one: review)");
    }

    @Test
    void theSigningExampleInTheDocsLoads() throws Exception {
        String docs = Files.readString(Path.of("../docs/configuration.md"));
        String marker = "A signing setup adds";
        int start = docs.indexOf("```yaml\n", docs.indexOf(marker)) + "```yaml\n".length();
        String yaml = docs.substring(start, docs.indexOf("```", start))
                .replace("/usr/lib/softhsm/libsofthsm2.so", "lib.so");
        Files.writeString(dir.resolve("lib.so"), "");
        Files.createDirectories(dir.resolve("trust"));
        Files.writeString(dir.resolve("trust/partner-root.pem"), "");

        SealgateConfig config = ConfigLoader.builder()
                .environment(Map.of("SEALGATE_TOKEN_PIN", "1234", "ALICE_TOKEN", "alice-token-0123456789",
                                    "BOB_TOKEN", "bob-token-0123456789")::get)
                .availableActions(EnumSet.allOf(RouteAction.class))
                .validator(ProcessTemplates::validate)
                .build().parse(yaml, file());

        assertThat(ProcessTemplates.from(config)).containsOnlyKeys("purchase-order");
        assertThat(ProcessTemplates.keyUsageRules(config).rules()).hasSize(1);
        assertThat(config.routes()).extracting(r -> r.action().yamlName())
                .containsExactly("sign-upload", "approve", "verify-upload");
    }
}
