package io.sealgate.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Binds {@code processes:} and {@code key-rules:}, checking their shape only: types, required keys and step meanings.
 * The rules of a process or a key rule (first step creates, unique ids, ...) are checked by the policy module through
 * a {@link ConfigLoader.Builder#validator validator}, so that they are written once.
 */
final class ProcessBinder {

    static final List<String> PROCESS_KEYS = List.of("version", "steps", "seal");
    static final List<String> STEP_KEYS = List.of("id", "meaning", "users", "roles", "required", "organisation");
    static final List<String> PARALLEL_KEYS = List.of("parallel");
    static final List<String> KEY_RULE_KEYS = List.of("key", "role", "templates", "steps", "routes", "valid-from",
            "valid-until", "daily-limit");

    private static final String STEPS = "a list of steps, the first with meaning create";
    private static final String STEP_ID = "a step id, like review";

    private final ScalarReader reader;

    ProcessBinder(ScalarReader reader) {
        this.reader = reader;
    }

    Map<String, ProcessConfig> processes(MappingView top) {
        Map<String, ProcessConfig> processes = new LinkedHashMap<>();
        MappingView all = MappingView.of(top.optional("processes").orElse(null), "processes", null, reader);
        if (all == null) {
            return processes;
        }
        for (MappingView.Entry entry : all.entries()) {
            String path = all.path(entry.key());
            if (!Names.isValid(entry.key())) {
                reader.problems().add(entry.keyNode(), path, entry.key() + " (expected: " + Names.EXPECTED + ")");
            }
            MappingView view = MappingView.of(entry.value(), path, PROCESS_KEYS, reader);
            if (view != null) {
                processes.put(entry.key(), process(entry.key(), view));
            }
        }
        return processes;
    }

    private ProcessConfig process(String id, MappingView view) {
        int version = view.optionalInt("version", 1, Integer.MAX_VALUE, 1);
        List<ProcessConfig.StageConfig> stages = new ArrayList<>();
        Node stepsNode = view.required("steps", STEPS);
        List<Node> nodes = stepsNode == null ? null : view.optionalList("steps", "step");
        for (int i = 0; nodes != null && i < nodes.size(); i++) {
            ProcessConfig.StageConfig stage = stage(nodes.get(i), view.path("steps") + "[" + i + "]");
            if (stage != null) {
                stages.add(stage);
            }
        }
        Optional<String> seal = view.optionalString("seal", "the step id of the organisation seal, like seal")
                .map(String::trim);
        return new ProcessConfig(id, version, stages, seal);
    }

    /** A single step, or a {@code parallel:} group; a mapping with {@code parallel} is read as a group only. */
    private ProcessConfig.StageConfig stage(Node node, String path) {
        if (!hasKey(node, "parallel")) {
            ProcessConfig.StepConfig step = step(node, path);
            return step == null ? null : new ProcessConfig.StageConfig(false, List.of(step));
        }
        // The group's schema has only parallel, so step keys beside it are reported as unknown.
        MappingView group = MappingView.of(node, path, PARALLEL_KEYS, reader);
        List<Node> nodes = group.optionalList("parallel", "step");
        if (nodes == null) {
            return null;
        }
        List<ProcessConfig.StepConfig> steps = new ArrayList<>();
        for (int j = 0; j < nodes.size(); j++) {
            ProcessConfig.StepConfig step = step(nodes.get(j), group.path("parallel") + "[" + j + "]");
            if (step != null) {
                steps.add(step);
            }
        }
        return new ProcessConfig.StageConfig(true, steps);
    }

    private static boolean hasKey(Node node, String key) {
        return node instanceof MappingNode mapping && mapping.getValue().stream()
                .anyMatch(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key));
    }

    private ProcessConfig.StepConfig step(Node node, String path) {
        MappingView view = MappingView.of(node, path, STEP_KEYS, reader);
        if (view == null) {
            return null;
        }
        String id = view.requiredString("id", STEP_ID);
        Node meaningNode = view.required("meaning", meaningExpectation());
        String meaning = reader.choice(meaningNode, view.path("meaning"), ProcessConfig.StepConfig.MEANINGS);
        List<String> users = reader.strings(view.optional("users").orElse(null), view.path("users"), "user id");
        List<String> roles = reader.strings(view.optional("roles").orElse(null), view.path("roles"), "role name");
        int required = view.optionalInt("required", 1, Integer.MAX_VALUE, 1);
        Optional<String> organisation = view.optionalString("organisation", "an organisation name");
        if (id == null || meaning == null) {
            return null;
        }
        return new ProcessConfig.StepConfig(id.trim(), meaning, users == null ? List.of() : users,
                roles == null ? List.of() : roles, required, organisation);
    }

    private static String meaningExpectation() {
        return Names.joinWithOr(ProcessConfig.StepConfig.MEANINGS);
    }

    List<KeyRuleConfig> keyRules(MappingView top) {
        List<KeyRuleConfig> rules = new ArrayList<>();
        List<Node> nodes = top.optionalList("key-rules", "key rule");
        for (int i = 0; nodes != null && i < nodes.size(); i++) {
            MappingView view = MappingView.of(nodes.get(i), "key-rules[" + i + "]", KEY_RULE_KEYS, reader);
            // A placeholder for an entry that is not a mapping keeps the indexes validators report right.
            rules.add(view == null ? new KeyRuleConfig(Optional.empty(), Optional.empty(), List.of(), List.of(),
                    List.of(), Optional.empty(), Optional.empty(), OptionalLong.empty()) : keyRule(view));
        }
        return rules;
    }

    private KeyRuleConfig keyRule(MappingView view) {
        Optional<String> key = view.optionalString("key", SettingsBinder.KEY_LABEL).map(String::trim);
        Optional<String> role = view.optionalString("role", "a role name, like manager").map(String::trim);
        Optional<Instant> validFrom = view.optional("valid-from")
                .map(n -> reader.instant(n, view.path("valid-from")));
        Optional<Instant> validUntil = view.optional("valid-until")
                .map(n -> reader.instant(n, view.path("valid-until")));
        Integer limit = reader.integer(view.optional("daily-limit").orElse(null), view.path("daily-limit"), 1,
                Integer.MAX_VALUE);
        return new KeyRuleConfig(key, role, names(view, "templates", "process id"), names(view, "steps", "step id"),
                names(view, "routes", "route name"), validFrom, validUntil,
                limit == null ? OptionalLong.empty() : OptionalLong.of(limit));
    }

    private List<String> names(MappingView view, String key, String what) {
        List<String> names = reader.strings(view.optional(key).orElse(null), view.path(key), what);
        return names == null ? List.of() : names;
    }
}
