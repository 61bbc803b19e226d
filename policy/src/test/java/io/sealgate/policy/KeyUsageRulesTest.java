package io.sealgate.policy;

import io.sealgate.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class KeyUsageRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final KeyUse ALICE_APPROVES = KeyUse.ownKey("alice", "po-17.pdf, step board");

    private static KeyUseContext context(String route, String template, String step, Instant at, long today,
                                         String... roles) {
        return new KeyUseContext(Set.of(roles), route, template, step, at, today);
    }

    private static KeyUseContext usual() {
        return context("approvals", "purchase-order", "board", NOW, 0, "board");
    }

    private static KeyUsageRules rules(KeyUsageRule.Builder... rules) throws ConfigException {
        KeyUsageRules.Builder builder = KeyUsageRules.builder().clock(Clock.fixed(NOW, ZoneOffset.UTC));
        for (KeyUsageRule.Builder rule : rules) {
            builder.rule(rule);
        }
        return builder.build();
    }

    @Test
    void useWithinEveryRestrictionIsAllowed() throws ConfigException {
        KeyUsageRules rules = rules(KeyUsageRule.forKey("alice").templates("purchase-order", "contract")
                .steps("board").routes("approvals").validFrom(NOW.minusSeconds(1)).validUntil(NOW.plusSeconds(1))
                .dailyLimit(5));

        assertThatCode(() -> rules.check(ALICE_APPROVES, context("approvals", "purchase-order", "board", NOW, 4)))
                .doesNotThrowAnyException();
    }

    @Test
    void templateTheKeyIsNotForIsRefused() throws ConfigException {
        KeyUsageRules rules = rules(KeyUsageRule.forKey("alice").templates("contract", "nda"));

        assertThatThrownBy(() -> rules.check(ALICE_APPROVES, usual()))
                .isInstanceOf(KeyUsageDeniedException.class)
                .hasMessage("alice may not use key 'alice' for po-17.pdf, step board: key alice may sign for"
                            + " templates contract, nda only (this one: purchase-order)");
    }

    @Test
    void stepTheKeyIsNotForIsRefused() throws ConfigException {
        assertThat(denial(rules(KeyUsageRule.forKey("alice").steps("legal")), usual()))
                .isEqualTo("key alice may sign for steps legal only (this one: board)");
    }

    @Test
    void routeTheKeyIsNotForIsRefused() throws ConfigException {
        assertThat(denial(rules(KeyUsageRule.forKey("alice").routes("drafts")), usual()))
                .isEqualTo("key alice may sign for routes drafts only (this one: approvals)");
    }

    @Test
    void useBeforeTheWindowOpensIsRefused() throws ConfigException {
        KeyUsageRules rules = rules(KeyUsageRule.forKey("alice").validFrom(NOW.plusSeconds(60)));

        assertThat(denial(rules, usual())).isEqualTo("key alice may sign from 2026-11-21T10:01:00Z only (now:"
                                                     + " 2026-11-21T10:00:00Z)");
    }

    @Test
    void useAtTheEndOfTheWindowIsRefused() throws ConfigException {
        KeyUsageRules rules = rules(KeyUsageRule.forKey("alice").validFrom(NOW.minusSeconds(3600)).validUntil(NOW));

        assertThat(denial(rules, usual())).isEqualTo("key alice may sign from 2026-11-21T09:00:00Z until"
                                                     + " 2026-11-21T10:00:00Z only (now: 2026-11-21T10:00:00Z)");
    }

    @Test
    void useWithinTheWindowIsAllowed() throws ConfigException {
        KeyUsageRules rules = rules(KeyUsageRule.forKey("alice").validUntil(NOW.plusSeconds(1)));

        assertThatCode(() -> rules.check(ALICE_APPROVES, usual())).doesNotThrowAnyException();
    }

    @Test
    void useBeyondTheDailyLimitIsRefused() throws ConfigException {
        KeyUsageRules rules = rules(KeyUsageRule.forKey("alice").dailyLimit(50));

        assertThat(denial(rules, context("approvals", "purchase-order", "board", NOW, 50)))
                .isEqualTo("key alice may make 50 signatures a day (made today: 50)");
        assertThatCode(() -> rules.check(ALICE_APPROVES, context("approvals", "purchase-order", "board", NOW, 49)))
                .doesNotThrowAnyException();
    }

    @Test
    void roleRuleRestrictsOnlyHoldersOfTheRole() throws ConfigException {
        KeyUsageRules rules = rules(KeyUsageRule.forRole("intern").templates("memo"));

        assertThat(denial(rules, context("approvals", "purchase-order", "board", NOW, 0, "intern", "board")))
                .isEqualTo("role intern may sign for templates memo only (this one: purchase-order)");
        assertThatCode(() -> rules.check(ALICE_APPROVES, usual())).doesNotThrowAnyException();
    }

    @Test
    void ruleOfAnotherKeyDoesNotApply() throws ConfigException {
        KeyUsageRules rules = rules(KeyUsageRule.forKey("bob").templates("memo"));

        assertThatCode(() -> rules.check(ALICE_APPROVES, usual())).doesNotThrowAnyException();
    }

    @Test
    void everyApplicableRuleMustAllowTheUse() throws ConfigException {
        KeyUsageRules rules = rules(KeyUsageRule.forKey("alice").templates("purchase-order"),
                                    KeyUsageRule.forRole("board").routes("board-room"));

        assertThat(denial(rules, usual())).isEqualTo("role board may sign for routes board-room only (this one:"
                                                     + " approvals)");
    }

    @Test
    void anotherUsersKeyIsRefusedByTheBaseGuardFirst() throws ConfigException {
        KeyUsageRules rules = rules();

        assertThatThrownBy(() -> rules.check(new KeyUse("mallory", "alice", "po-17.pdf, step board"), usual()))
                .isInstanceOf(KeyUsageDeniedException.class)
                .hasMessage("mallory may not use key 'alice' for po-17.pdf, step board: the key belongs to another"
                            + " user");
    }

    @Test
    void baseGuardCanBeReplacedForTheOrganisationSeal() throws ConfigException {
        KeyUsageRules rules = KeyUsageRules.builder()
                .base(use -> {
                    if (!use.identity().equals(KeyUse.SYSTEM) || !use.keyLabel().equals("acme-seal")) {
                        KeyUsageGuard.OWN_KEY_ONLY.check(use);
                    }
                })
                .rule(KeyUsageRule.forKey("acme-seal").steps("seal"))
                .build();
        KeyUse seal = new KeyUse(KeyUse.SYSTEM, "acme-seal", "po-17.pdf, seal");

        assertThatCode(() -> rules.check(seal, context("approvals", "purchase-order", "seal", NOW, 0)))
                .doesNotThrowAnyException();
        assertThat(denial(rules, seal, context("approvals", "purchase-order", "board", NOW, 0)))
                .isEqualTo("key acme-seal may sign for steps seal only (this one: board)");
    }

    @Test
    void guardForAContextAppliesTheRulesInThatContext() throws ConfigException {
        KeyUsageGuard guard = rules(KeyUsageRule.forKey("alice").steps("legal")).guardFor(usual());

        assertThatThrownBy(() -> guard.check(ALICE_APPROVES))
                .isInstanceOf(KeyUsageDeniedException.class)
                .hasMessageEndingWith(": key alice may sign for steps legal only (this one: board)");
    }

    @Test
    void useWithoutContextIsJudgedByTheClockForWindows() throws ConfigException {
        assertThatCode(() -> rules(KeyUsageRule.forKey("alice").validUntil(NOW.plusSeconds(1))).check(ALICE_APPROVES))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> rules(KeyUsageRule.forKey("alice").validUntil(NOW)).check(ALICE_APPROVES))
                .hasMessageEndingWith(": key alice may sign until 2026-11-21T10:00:00Z only (now:"
                                      + " 2026-11-21T10:00:00Z)");
    }

    @Test
    void useWithoutContextIsRefusedByRulesThatNeedIt() throws ConfigException {
        assertThatThrownBy(() -> rules(KeyUsageRule.forKey("alice").templates("memo")).check(ALICE_APPROVES))
                .hasMessageEndingWith(": key alice may sign for templates memo only (this use names no template)");
        assertThatThrownBy(() -> rules(KeyUsageRule.forKey("alice").dailyLimit(3)).check(ALICE_APPROVES))
                .hasMessageEndingWith(": key alice may make 3 signatures a day, and this use does not say how many"
                                      + " it made today");
        assertThatThrownBy(() -> rules(KeyUsageRule.forRole("intern").validUntil(NOW.plusSeconds(60)))
                .check(ALICE_APPROVES))
                .hasMessageEndingWith(": role intern has a rule, and this use does not say the signer's roles");
    }

    @Test
    void invalidRulesAreAllListedWithTheirPaths() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> KeyUsageRules.builder()
                .rule(KeyUsageRule.forKey("alice").role("board").dailyLimit(0))
                .rule(KeyUsageRule.forRole(" ").templates("memo", "memo", ""))
                .rule(KeyUsageRule.forKey("bob").validFrom(NOW).validUntil(NOW))
                .rule(KeyUsageRule.forKey("carol"))
                .build());

        assertThat(e.errors()).extracting(error -> error.key() + ": " + error.message()).containsExactly(
                "rules[0]: both key and role (expected: exactly one of key, role)",
                "rules[0].dailyLimit: 0 (expected: at least 1)",
                "rules[1].role: \" \" (expected: a role name)",
                "rules[1].templates[1]: memo (expected: no duplicates)",
                "rules[1].templates[2]: \"\" (expected: a template id)",
                "rules[2].validUntil: 2026-11-21T10:00:00Z (expected: after validFrom 2026-11-21T10:00:00Z)",
                "rules[3]: no restriction (expected: at least one of templates, steps, routes, validFrom,"
                + " validUntil, dailyLimit)");
    }

    private static String denial(KeyUsageRules rules, KeyUseContext context) {
        return denial(rules, ALICE_APPROVES, context);
    }

    private static String denial(KeyUsageRules rules, KeyUse use, KeyUseContext context) {
        KeyUsageDeniedException e = catchThrowableOfType(KeyUsageDeniedException.class,
                                                         () -> rules.check(use, context));
        assertThat(e).as("expected a refusal").isNotNull();
        String prefix = use.identity() + " may not use key '" + use.keyLabel() + "' for " + use.purpose() + ": ";
        assertThat(e.getMessage()).startsWith(prefix);
        return e.getMessage().substring(prefix.length());
    }
}
