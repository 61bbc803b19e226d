package io.sealgate.config;

import java.util.Arrays;
import java.util.Optional;

/** What a route does with a request. Only {@link #PASS} is available in this release. */
public enum RouteAction {
    /** Stream the request and response through unchanged (apart from proxy headers). */
    PASS("pass", true),
    /** Sign the uploaded document as its creator before forwarding (not yet available). */
    SIGN_UPLOAD("sign-upload", false),
    /** Stack the user's approval signature on a stored document (not yet available). */
    APPROVE("approve", false),
    /** Verify a document arriving from another organisation (not yet available). */
    VERIFY_UPLOAD("verify-upload", false);

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

    public static Optional<RouteAction> fromYaml(String name) {
        return Arrays.stream(values()).filter(a -> a.yamlName.equals(name)).findFirst();
    }
}
