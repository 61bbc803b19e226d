package io.sealgate.config;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What a route does with a request. Every action is available in this release. */
public enum RouteAction {
    /** Stream the request and response through unchanged (apart from proxy headers). */
    PASS("pass", true),
    /** Sign the uploaded document as its creator before forwarding. */
    SIGN_UPLOAD("sign-upload", true),
    /** Stack the user's approval signature on a stored document. */
    APPROVE("approve", true),
    /** Verify a document arriving from another organisation. */
    VERIFY_UPLOAD("verify-upload", true);

    private final String yamlName;
    private final boolean available;

    RouteAction(String yamlName, boolean available) {
        this.yamlName = yamlName;
        this.available = available;
    }

    /** The spelling used in YAML, e.g. {@code sign-upload}. */
    public String yamlName() {
        return yamlName;
    }

    /** Whether this build implements the action; unavailable actions are refused at config load. */
    public boolean available() {
        return available;
    }

    /**
     * The actions this build implements: the default of {@link ConfigLoader.Builder#availableActions(Set)}.
     * A static twin of {@link #available()}.
     */
    public static Set<RouteAction> availableActions() {
        EnumSet<RouteAction> actions = EnumSet.noneOf(RouteAction.class);
        Arrays.stream(values()).filter(RouteAction::available).forEach(actions::add);
        return Collections.unmodifiableSet(actions);
    }

    /** Whether the action signs with a user's key, and so needs {@code token:}, {@code organisation:} and users. */
    public boolean signs() {
        return this == SIGN_UPLOAD || this == APPROVE;
    }

    public static Optional<RouteAction> fromYaml(String name) {
        return Arrays.stream(values()).filter(a -> a.yamlName.equals(name)).findFirst();
    }
}
