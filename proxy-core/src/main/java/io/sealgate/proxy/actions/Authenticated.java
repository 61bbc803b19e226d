package io.sealgate.proxy.actions;

import io.sealgate.policy.Identity;
import io.sealgate.signing.log.LogEntry;
import java.util.Objects;

/**
 * An authenticated request's user.
 *
 * @param identity              the user, with roles and organisation
 * @param authentication        how they were authenticated, as the signature log records it
 * @param authorizationConsumed the request's {@code Authorization} header carried Sealgate's own credential: it is
 *                              removed from every request Sealgate sends upstream on the user's behalf
 */
public record Authenticated(Identity identity, LogEntry.Authentication authentication,
                            boolean authorizationConsumed) {
    public Authenticated {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(authentication, "authentication");
    }
}
