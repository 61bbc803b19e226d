package io.sealgate.policy;

import io.sealgate.config.ConfigError;
import io.sealgate.config.ConfigException;
import io.sealgate.config.OrganisationConfig;
import io.sealgate.config.ProcessConfig;
import io.sealgate.config.RouteConfig;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.SigningSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Maps the config's {@code processes:} and {@code key-rules:} onto {@link ProcessTemplate}s and
 * {@link KeyUsageRules}, and reports what breaks their rules as {@link ConfigError}s keyed by YAML path
 * ({@code processes.purchase-order.steps[1].users[0]}). The rules themselves live in {@link ProcessTemplate.Builder}
 * and {@link KeyUsageRules.Builder}; this class only feeds them and renames their paths.
 *
 * <p>Plug {@link #validate} into the loader so that a config breaking a process rule fails at load, with lines:
 *
 * <pre>{@code
 * SealgateConfig config = ConfigLoader.builder().validator(ProcessTemplates::validate).build().load(file);
 * Map<String, ProcessTemplate> templates = ProcessTemplates.from(config);
 * KeyUsageRules rules = ProcessTemplates.keyUsageRules(config);
 * }</pre>
 */
public final class ProcessTemplates {

    private ProcessTemplates() {}

    /**
     * Every problem with the processes and key rules of {@code config}: the process rules, the key-rule rules, and
     * key rules naming a process, step or route that does not exist. Empty when all is well.
     */
    public static List<ConfigError> validate(SealgateConfig config) {
        List<ConfigError> errors = new ArrayList<>();
        templates(config, errors);
        errors.addAll(ProcessTemplatesKeyRules.validate(config));
        return errors;
    }

    /**
     * The templates by process id, in declaration order. Steps without an organisation stand for the creating
     * organisation; {@link ProcessTemplate#resolvedFor} fills it in.
     *
     * @throws ConfigException when {@link #validate} would report a problem with a process
     */
    public static Map<String, ProcessTemplate> from(SealgateConfig config) throws ConfigException {
        List<ConfigError> errors = new ArrayList<>();
        Map<String, ProcessTemplate> templates = templates(config, errors);
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return templates;
    }

    /**
     * The key rules of {@code config} on top of {@link ProcessTemplatesKeyRules#ownership its key ownership}: a
     * configured user may sign only with the key {@code users:} gives them.
     *
     * @throws ConfigException when {@link #validate} would report a problem with a key rule
     */
    public static KeyUsageRules keyUsageRules(SealgateConfig config) throws ConfigException {
        return keyUsageRulesBuilder(config).build();
    }

    /** A builder holding the key rules of {@code config}, for callers that set their own base guard or clock. */
    public static KeyUsageRules.Builder keyUsageRulesBuilder(SealgateConfig config) {
        return ProcessTemplatesKeyRules.builder(config).base(keyOwnership(config));
    }

    /**
     * A guard that lets each user of {@code users:} sign only with their own key, and {@link KeyUse#SYSTEM} (the
     * organisation seal, the dev CA) with any key that is not a user's.
     */
    public static KeyUsageGuard keyOwnership(SealgateConfig config) {
        return ProcessTemplatesKeyRules.ownership(config);
    }

    /**
     * What is valid but likely a mistake, one sentence per finding: a process that gives steps to another
     * organisation while signatures are made below B-LT, so that the partner cannot check the revocation of this
     * organisation's certificates (a dev CA's name no OCSP responder or CRL; docs/process-assurance.md).
     */
    public static List<String> warnings(SealgateConfig config) {
        SigningSettings.Level level = config.signing().level();
        if (level == SigningSettings.Level.B_LT || level == SigningSettings.Level.B_LTA) {
            return List.of();
        }
        Optional<String> own = config.organisation().map(OrganisationConfig::name);
        List<String> warnings = new ArrayList<>();
        for (ProcessConfig process : config.processes().values()) {
            if (process == null) {
                continue;
            }
            List<String> partners = process.stages().stream().flatMap(stage -> stage.steps().stream())
                    .flatMap(step -> step.organisation().stream())
                    .filter(organisation -> own.map(o -> !o.equals(organisation)).orElse(true))
                    .distinct().toList();
            if (!partners.isEmpty()) {
                warnings.add("processes." + process.id() + " gives steps to " + String.join(", ", partners)
                        + " but signing.level is " + level.yamlName() + ": use B-LT or B-LTA, so that "
                        + (partners.size() == 1 ? "it" : "they") + " can check the revocation of this"
                        + " organisation's certificates from the document itself");
            }
        }
        return warnings;
    }

    private static Map<String, ProcessTemplate> templates(SealgateConfig config, List<ConfigError> errors) {
        Map<String, ProcessTemplate> templates = new LinkedHashMap<>();
        for (ProcessConfig process : config.processes().values()) {
            if (process == null) {
                continue;
            }
            String path = "processes." + process.id();
            try {
                templates.put(process.id(), builder(process).build());
            } catch (ConfigException e) {
                for (ConfigError error : e.errors()) {
                    errors.add(new ConfigError(Optional.empty(), 0, yamlPath(path, error.key()), error.message()));
                }
            }
        }
        return templates;
    }

    private static ProcessTemplate.Builder builder(ProcessConfig process) {
        ProcessTemplate.Builder builder = ProcessTemplate.builder(process.id(), process.version());
        for (ProcessConfig.StageConfig stage : process.stages()) {
            List<Step.Builder> steps = stage.steps().stream().map(ProcessTemplates::step).toList();
            if (stage.parallel()) {
                builder.parallel(steps);
            } else {
                steps.forEach(builder::step);
            }
        }
        process.seal().ifPresent(builder::organisationSeal);
        return builder;
    }

    private static Step.Builder step(ProcessConfig.StepConfig step) {
        Step.Builder builder = Step.builder(step.id(), StepMeaning.fromWireName(step.meaning()).orElse(null))
                .users(step.users().toArray(String[]::new))
                .roles(step.roles().toArray(String[]::new))
                .required(step.required());
        step.organisation().ifPresent(builder::organisation);
        return builder;
    }

    /**
     * The YAML path of a template builder's path: the template's own {@code id} is the key under {@code processes:},
     * and YAML writes a step's users, roles and required directly on the step, not under {@code assignees}.
     */
    static String yamlPath(String processPath, String templatePath) {
        if (templatePath.equals("id")) {
            return processPath;
        }
        String path = templatePath.replace(".assignees.", ".");
        if (path.endsWith(".assignees")) {
            path = path.substring(0, path.length() - ".assignees".length());
        }
        return processPath + "." + path;
    }

    /** The names of the routes of {@code config}, for cross-checks. */
    static List<String> routeNames(SealgateConfig config) {
        return config.routes().stream().filter(Objects::nonNull).map(RouteConfig::name).filter(Objects::nonNull)
                .toList();
    }
}
