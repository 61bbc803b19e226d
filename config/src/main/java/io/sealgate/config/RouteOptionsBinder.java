package io.sealgate.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds a route's action-specific keys into {@link RouteOptions}. Each key belongs to one action and is an error on
 * any other, so that a setting never silently does nothing; path templates may use only the match path's variables.
 */
final class RouteOptionsBinder {

    /** Each option key and the one action it belongs to, in documentation order. */
    static final Map<String, RouteAction> OPTION_ACTIONS = options();

    private static final Pattern VARIABLE = Pattern.compile("\\{([^{}]*)\\}");
    private static final String DOCUMENT_PATH = "a path template like /files/{name}";
    private static final String CADES_NAME = "a path template like {name}.p7s or /signatures/{name}.p7s";

    private final ScalarReader reader;
    private final Set<String> processNames;

    RouteOptionsBinder(ScalarReader reader, Set<String> processNames) {
        this.reader = reader;
        this.processNames = processNames;
    }

    private static Map<String, RouteAction> options() {
        Map<String, RouteAction> options = new LinkedHashMap<>();
        for (String key : List.of("process", "document", "cades-output", "cades-name")) {
            options.put(key, RouteAction.SIGN_UPLOAD);
        }
        options.put("document-path", RouteAction.APPROVE);
        options.put("step", RouteAction.APPROVE);
        options.put("on-invalid", RouteAction.VERIFY_UPLOAD);
        return options;
    }

    /**
     * @param action the route's action; null when it is missing or unknown (already reported)
     * @param match  the route's match; null when it is broken (already reported)
     */
    RouteOptions bind(MappingView view, RouteAction action, RouteMatch match) {
        if (action == null) {
            return RouteOptions.NONE;
        }
        OPTION_ACTIONS.forEach((key, owner) -> {
            if (owner != action) {
                view.optional(key).ifPresent(n -> reader.problems().add(n, view.path(key), "not allowed with action "
                        + action.yamlName() + " (expected: only with " + owner.yamlName() + ")"));
            }
        });
        // null: the variables are unknown because the match path is broken, so templates are not checked against them.
        List<String> variables = match == null || match.path() == null ? null : match.path().variables();
        RouteOptions none = RouteOptions.NONE;
        return switch (action) {
            case SIGN_UPLOAD -> {
                String output = reader.choice(view.optional("cades-output").orElse(null), view.path("cades-output"),
                        List.of("upstream", "client"));
                RouteOptions.CadesOutput cadesOutput = output == null ? none.cadesOutput()
                        : RouteOptions.CadesOutput.valueOf(output.toUpperCase(Locale.ROOT));
                if (cadesOutput == RouteOptions.CadesOutput.CLIENT) {
                    view.optional("cades-name").ifPresent(n -> reader.problems().add(n, view.path("cades-name"),
                            "not used with cades-output client (expected: cades-output upstream when cades-name is"
                                    + " set)"));
                }
                yield new RouteOptions(process(view), document(view, variables), cadesOutput,
                        template(view, "cades-name", CADES_NAME, variables), Optional.empty(), Optional.empty(),
                        none.onInvalid());
            }
            case APPROVE -> {
                if (!view.has("document-path")) {
                    reader.problems().add(view.node(), view.path("document-path"), "missing (expected: "
                            + DOCUMENT_PATH + " where the document is fetched from and written back to)");
                }
                Optional<String> step = view.optionalString("step", "a step id, like review").map(String::trim);
                yield new RouteOptions(Optional.empty(), Optional.empty(), none.cadesOutput(), Optional.empty(),
                        template(view, "document-path", DOCUMENT_PATH, variables), step, none.onInvalid());
            }
            case VERIFY_UPLOAD -> {
                String onInvalid = reader.choice(view.optional("on-invalid").orElse(null), view.path("on-invalid"),
                        List.of("refuse", "annotate"));
                yield onInvalid == null ? none : new RouteOptions(Optional.empty(), Optional.empty(),
                        none.cadesOutput(), Optional.empty(), Optional.empty(), Optional.empty(),
                        RouteOptions.OnInvalid.valueOf(onInvalid.toUpperCase(Locale.ROOT)));
            }
            case PASS -> none;
        };
    }

    private Optional<String> process(MappingView view) {
        Optional<String> process = view.optionalString("process", "the id of a process under processes:")
                .map(String::trim);
        if (process.isPresent() && !processNames.contains(process.get())) {
            Node node = view.optional("process").orElseThrow();
            reader.problems().add(node, view.path("process"), ScalarReader.describe(node) + ": no such process"
                    + DidYouMean.suffix(process.get(), processNames) + " (expected: "
                    + (processNames.isEmpty() ? "a process defined under processes:"
                            : "one of " + String.join(", ", processNames)) + ")");
        }
        return process;
    }

    /** The named variable, or by default the match path's last variable; empty when the path has none. */
    private Optional<String> document(MappingView view, List<String> variables) {
        Optional<String> document = view.optionalString("document", "the name of a match.path variable")
                .map(String::trim);
        if (document.isEmpty()) {
            return variables == null || variables.isEmpty() ? Optional.empty()
                    : Optional.of(variables.get(variables.size() - 1));
        }
        if (variables != null && !variables.contains(document.get())) {
            Node node = view.optional("document").orElseThrow();
            reader.problems().add(node, view.path("document"), ScalarReader.describe(node)
                    + ": no such path variable (expected: " + variableExpectation(variables) + ")");
        }
        return document;
    }

    private Optional<String> template(MappingView view, String key, String expected, List<String> variables) {
        Node node = view.optional(key).orElse(null);
        String template = reader.string(node, view.path(key), expected);
        if (template == null) {
            return Optional.empty();
        }
        template = template.trim();
        if (key.equals("document-path") && !template.startsWith("/")) {
            reader.problems().add(node, view.path(key), ScalarReader.describe(node) + " (expected: " + expected
                    + ", starting with '/')");
            return Optional.empty();
        }
        Matcher m = VARIABLE.matcher(template);
        while (m.find()) {
            String name = m.group(1).endsWith("...") ? m.group(1).substring(0, m.group(1).length() - 3) : m.group(1);
            if (variables != null && !variables.contains(name)) {
                reader.problems().add(node, view.path(key), ScalarReader.describe(node) + ": no such path variable {"
                        + name + "} (expected: " + variableExpectation(variables) + ")");
                return Optional.empty();
            }
        }
        if (VARIABLE.matcher(template).replaceAll("").matches(".*[{}?#].*")) {
            reader.problems().add(node, view.path(key), ScalarReader.describe(node) + " (expected: " + expected
                    + ", without '?' or '#' and with balanced braces)");
            return Optional.empty();
        }
        return Optional.of(template);
    }

    private static String variableExpectation(List<String> variables) {
        return variables.isEmpty() ? "a variable of match.path, which has none"
                : "one of the match.path variables " + String.join(", ", variables);
    }
}
