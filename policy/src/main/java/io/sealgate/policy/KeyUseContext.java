package io.sealgate.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * What the proxy knows about a signature beyond {@link KeyUse}: the facts {@link KeyUsageRules} judge. The caller
 * supplies the day's count from wherever it keeps it (the signature log), since policy keeps no state.
 *
 * @param roles           the signer's roles (role rules apply to these)
 * @param route           the name of the route the request matched
 * @param templateId      the process template of the document
 * @param stepId          the step the signature performs (the seal's step id for the organisation seal)
 * @param at              when the signature is made
 * @param signaturesToday how many signatures the key has made today (UTC day) before this one
 */
public record KeyUseContext(
        Set<String> roles, String route, String templateId, String stepId, Instant at, long signaturesToday) {

    public KeyUseContext {
        roles = Set.copyOf(roles);
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(templateId, "templateId");
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(at, "at");
        if (signaturesToday < 0) {
            throw new IllegalArgumentException("signaturesToday: " + signaturesToday + " (expected: at least 0)");
        }
    }
}
