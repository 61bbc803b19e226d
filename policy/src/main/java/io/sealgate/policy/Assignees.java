package io.sealgate.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may perform a step: named users, holders of a role, or both, of one organisation; and how many distinct people
 * must sign before the step is complete. "n of m of a group" is {@code users} = the m members and {@code required}
 * = n. A person is eligible when they belong to {@link #organisation()} and their user id is in {@link #users()} or
 * they hold one of {@link #roles()}.
 *
 * <p>No users and no roles stand for the organisation's seal, which no person can be: only a
 * {@link StepMeaning#SEAL} step has such assignees ({@link Step} enforces it).
 *
 * <p>In a template the organisation may be left empty, meaning "the organisation that creates the document"; a
 * {@link ProcessManifest} always names it, so that a verifier in another organisation reads the same rule.
 *
 * @param organisation the organisation whose members may sign; empty in a template for the creating organisation
 * @param users        user ids that may sign (sorted, no duplicates)
 * @param roles        roles whose holders may sign (sorted, no duplicates)
 * @param required     how many distinct eligible people must sign; at least 1
 */
public record Assignees(Optional<String> organisation, Set<String> users, Set<String> roles, int required) {

    public Assignees {
        Objects.requireNonNull(organisation, "organisation");
        users = sorted(users, "users");
        roles = sorted(roles, "roles");
        if (required < 1) {
            throw new IllegalArgumentException("assignees.required: " + required + " (expected: at least 1)");
        }
    }

    /** This rule with the organisation filled in when it was left empty. */
    public Assignees resolvedFor(String creatingOrganisation) {
        return organisation.isPresent() ? this
                : new Assignees(Optional.of(creatingOrganisation), users, roles, required);
    }

    /** Whether only the organisation's seal performs the step: no users and no roles. */
    public boolean sealOnly() {
        return users.isEmpty() && roles.isEmpty();
    }

    /** Whether {@code identity} may sign; an empty organisation is taken to be {@code creatingOrganisation}. */
    public boolean admits(Identity identity, String creatingOrganisation) {
        if (!identity.organisation().equals(organisation.orElse(creatingOrganisation))) {
            return false;
        }
        return users.contains(identity.userId()) || identity.roles().stream().anyMatch(roles::contains);
    }

    /**
     * How messages name the rule: {@code role legal of acme}, {@code user alice or role legal of acme},
     * {@code 2 distinct signers among users erin, frank, grace of acme}, {@code the organisation seal of acme}.
     */
    public String describe() {
        if (sealOnly()) {
            return "the organisation seal" + organisation.map(o -> " of " + o).orElse("");
        }
        List<String> parts = new ArrayList<>(2);
        if (!users.isEmpty()) {
            parts.add((users.size() == 1 ? "user " : "users ") + String.join(", ", users));
        }
        if (!roles.isEmpty()) {
            parts.add((roles.size() == 1 ? "role " : "roles ") + String.join(", ", roles));
        }
        String who = String.join(" or ", parts) + organisation.map(o -> " of " + o).orElse("");
        return required == 1 ? who : required + " distinct signers among " + who;
    }

    private static Set<String> sorted(Collection<String> values, String name) {
        Objects.requireNonNull(values, name);
        return Collections.unmodifiableSortedSet(new TreeSet<>(values));
    }
}
