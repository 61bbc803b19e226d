package io.sealgate.policy;

import io.sealgate.config.ConfigError;
import io.sealgate.config.ConfigException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a {@link ProcessTemplate.Builder} and reports every problem at once, keyed by path. */
final class TemplateValidator {

    /** Ids travel in signed attributes and URLs: keep them to a safe, unambiguous alphabet. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    static final String ID_EXPECTED =
            "letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters";

    private final ProcessTemplate.Builder builder;
    private final List<ConfigError> errors = new ArrayList<>();
    private final Map<String, String> idPaths = new HashMap<>();

    TemplateValidator(ProcessTemplate.Builder builder) {
        this.builder = builder;
    }

    ProcessTemplate validate() throws ConfigException {
        checkId("id", builder.id);
        if (builder.version < 1) {
            error("version", builder.version + " (expected: at least 1)");
        }
        if (builder.stages.isEmpty()) {
            error("steps", "empty (expected: at least one step, the first with meaning create)");
        }
        List<Stage> stages = new ArrayList<>();
        for (int i = 0; i < builder.stages.size(); i++) {
            stages.add(checkStage(i, builder.stages.get(i), builder.parallel.get(i)));
        }
        if (builder.sealStepId != null && checkId("seal", builder.sealStepId)) {
            String clash = idPaths.get(builder.sealStepId);
            if (clash != null) {
                error("seal", builder.sealStepId + " (expected: an id no step uses; " + clash + " uses it)");
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new ProcessTemplate(builder.id, builder.version, stages, Optional.ofNullable(builder.sealStepId));
    }

    private Stage checkStage(int index, List<Step.Builder> steps, boolean parallel) {
        String path = "steps[" + index + "]";
        if (parallel && steps.size() < 2) {
            error(path + ".parallel", steps.size() + " step" + (steps.size() == 1 ? "" : "s")
                                      + " (expected: at least 2 parallel steps)");
        } else if (parallel && index == 0) {
            error(path + ".parallel", steps.size() + " steps (expected: a single create step first)");
        }
        List<Step> valid = new ArrayList<>();
        for (int j = 0; j < steps.size(); j++) {
            Step.Builder step = steps.get(j);
            // A parallel first stage is already reported; judging its steps' meanings would only add noise.
            Boolean first = index == 0 ? (parallel ? null : Boolean.TRUE) : Boolean.FALSE;
            boolean ok = checkStep(parallel ? path + ".parallel[" + j + "]" : path, step, first);
            if (ok) {
                valid.add(step.build());
            }
        }
        return valid.isEmpty() ? null : new Stage(valid);
    }

    /** {@code first}: whether the step is the create step; null when its position is already wrong. */
    private boolean checkStep(String path, Step.Builder step, Boolean first) {
        int before = errors.size();
        if (checkId(path + ".id", step.id)) {
            String clash = idPaths.putIfAbsent(step.id, path);
            if (clash != null) {
                error(path + ".id", step.id + " (expected: unique; " + clash + " uses it)");
            }
        }
        if (step.meaning == null) {
            error(path + ".meaning", "missing (expected: " + StepMeaning.expectedNames() + ")");
        } else if (first == null) {
            // position already reported
        } else if (first && step.meaning != StepMeaning.CREATE) {
            error(path + ".meaning", step.meaning.wireName()
                                     + " (expected: create, since the first step records who created the document)");
        } else if (!first && step.meaning == StepMeaning.CREATE) {
            error(path + ".meaning", "create (expected: review, approve or seal; only the first step creates)");
        } else if (step.meaning == StepMeaning.SEAL && path.contains(".parallel[")) {
            error(path + ".meaning", "seal (expected: review or approve; a seal step is a stage of its own, after"
                                     + " every step it confirms)");
        }
        if (step.meaning == StepMeaning.SEAL) {
            checkSealAssignees(path + ".assignees", step);
        } else {
            checkAssignees(path + ".assignees", step, Boolean.TRUE.equals(first));
        }
        return errors.size() == before;
    }

    /** A seal step names at most its organisation: the seal key, not a person, performs it. */
    private void checkSealAssignees(String path, Step.Builder step) {
        checkOrganisation(path, step);
        String why = " (expected: none; a seal step is performed by its organisation's seal key)";
        if (!step.users.isEmpty()) {
            error(path + ".users", String.join(", ", step.users) + why);
        }
        if (!step.roles.isEmpty()) {
            error(path + ".roles", String.join(", ", step.roles) + why);
        }
        if (step.required != 1) {
            error(path + ".required", step.required + " (expected: 1, an organisation has one seal)");
        }
    }

    private void checkOrganisation(String path, Step.Builder step) {
        if (step.organisation != null && step.organisation.isBlank()) {
            error(path + ".organisation", "\"" + step.organisation + "\" (expected: an organisation id)");
        }
    }

    private void checkAssignees(String path, Step.Builder step, boolean first) {
        checkOrganisation(path, step);
        if (step.users.isEmpty() && step.roles.isEmpty()) {
            error(path, "empty (expected: at least one user or role)");
        }
        int users = checkNames(path + ".users", step.users, "a user id");
        checkNames(path + ".roles", step.roles, "a role name");
        if (step.required < 1) {
            error(path + ".required", step.required + " (expected: at least 1)");
        } else if (first && step.required != 1) {
            error(path + ".required", step.required + " (expected: 1, since a document has one creator)");
        } else if (step.roles.isEmpty() && users > 0 && step.required > users) {
            error(path + ".required", step.required + " (expected: 1-" + users + ", the number of users)");
        }
    }

    /** Returns how many distinct names there are. */
    private int checkNames(String path, List<String> names, String expected) {
        Set<String> seen = new HashSet<>();
        for (int k = 0; k < names.size(); k++) {
            String name = names.get(k);
            if (name == null || name.isBlank()) {
                error(path + "[" + k + "]", (name == null ? "null" : "\"" + name + "\"") + " (expected: " + expected
                                            + ")");
            } else if (!seen.add(name)) {
                error(path + "[" + k + "]", name + " (expected: no duplicates)");
            }
        }
        return seen.size();
    }

    private boolean checkId(String path, String id) {
        if (id == null) {
            error(path, "missing (expected: " + ID_EXPECTED + ")");
            return false;
        }
        if (!ID.matcher(id).matches()) {
            error(path, "\"" + id + "\" (expected: " + ID_EXPECTED + ")");
            return false;
        }
        return true;
    }

    private void error(String key, String message) {
        errors.add(new ConfigError(Optional.empty(), 0, key, message));
    }
}
