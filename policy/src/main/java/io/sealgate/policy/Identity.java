package io.sealgate.policy;

import java.util.Objects;
import java.util.Set;

/**
 * Who is acting: an authenticated user of an organisation, with the roles the organisation gives them. The proxy's
 * authentication produces one per request; the verifier derives one from each signer's certificate ("as certified").
 *
 * <p>A user id is unique within its organisation only: {@code alice} of {@code acme} and {@code alice} of
 * {@code globex} are different people, so every comparison here uses both. Roles, too, are the organisation's own.
 *
 * @param userId        the user's id within the organisation, e.g. {@code alice}
 * @param roles         the user's roles, e.g. {@code legal}; may be empty
 * @param organisation  the organisation's id, e.g. {@code acme}
 */
public record Identity(String userId, Set<String> roles, String organisation) {

    public Identity {
        requireText(userId, "userId");
        requireText(organisation, "organisation");
        roles = Set.copyOf(Objects.requireNonNull(roles, "roles"));
    }

    public static Identity of(String userId, String organisation, String... roles) {
        return new Identity(userId, Set.of(roles), organisation);
    }

    /** Whether {@code other} is the same person: same user id in the same organisation (roles do not matter). */
    public boolean samePersonAs(Identity other) {
        return userId.equals(other.userId) && organisation.equals(other.organisation);
    }

    /** {@code alice (acme)}: how messages name a person. */
    public String describe() {
        return userId + " (" + organisation + ")";
    }

    static String requireText(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + ": blank (expected: a non-blank value)");
        }
        return value;
    }
}
