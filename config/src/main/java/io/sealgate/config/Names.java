package io.sealgate.config;

import java.util.List;
import java.util.regex.Pattern;

/** The rules for names the config defines (upstreams, routes), which end up in logs and metric labels. */
final class Names {

    static final String EXPECTED = "a name of letters, digits, '-' or '_'";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*");

    private Names() {}

    static boolean isValid(String name) {
        return NAME.matcher(name).matches();
    }

    /** {@code "a", "a or b", "a, b or c"}. */
    static String joinWithOr(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
    }

    /** {@code "a", "a and b", "a, b and c"}. */
    static String joinWithAnd(List<String> items) {
        if (items.size() <= 1) {
            return String.join("", items);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
