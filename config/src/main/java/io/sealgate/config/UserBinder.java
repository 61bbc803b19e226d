package io.sealgate.config;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.nodes.Node;

/**
 * Binds {@code users:}, a mapping from user id to key label, roles and an optional static bearer token. Tokens must
 * be unique and long enough not to be guessed, and no two users (nor a user and the organisation seal) may share a
 * key: a shared key would make their signatures indistinguishable. A user without a token is one an identity source
 * of {@code authentication:} names.
 */
final class UserBinder {

    static final List<String> USER_KEYS = List.of("token", "roles", "key");

    /** Bearer tokens shorter than this are guessable; 16 characters of hex are 64 bits. */
    static final int MIN_TOKEN_LENGTH = 16;

    static final String USER_ID = "a user id of letters, digits, '.', '_', '-' or '@', starting with a letter or digit";
    private static final Pattern USER_ID_PATTERN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,127}");
    private static final String TOKEN = "a bearer token of at least " + MIN_TOKEN_LENGTH
            + " characters, like ${ALICE_TOKEN}";

    private final ScalarReader reader;
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<String, String> keys = new HashMap<>();

    UserBinder(ScalarReader reader) {
        this.reader = reader;
    }

    /** @param sealKey the organisation seal's key label, which no user may sign with; null when unknown */
    Map<String, UserConfig> bind(MappingView top, String sealKey) {
        Map<String, UserConfig> users = new LinkedHashMap<>();
        MappingView all = MappingView.of(top.optional("users").orElse(null), "users", null, reader);
        if (all == null) {
            return users;
        }
        if (sealKey != null) {
            keys.put(sealKey, "organisation.seal-key");
        }
        for (MappingView.Entry entry : all.entries()) {
            String path = all.path(entry.key());
            if (!USER_ID_PATTERN.matcher(entry.key()).matches()) {
                reader.problems().add(entry.keyNode(), path, entry.key() + " (expected: " + USER_ID + ")");
            }
            MappingView view = MappingView.of(entry.value(), path, USER_KEYS, reader);
            if (view != null) {
                UserConfig user = user(entry.key(), view);
                if (user != null) {
                    users.put(entry.key(), user);
                }
            }
        }
        return users;
    }

    private UserConfig user(String id, MappingView view) {
        boolean hasToken = view.has("token");
        String token = hasToken ? view.requiredString("token", TOKEN) : null;
        if (token != null) {
            Node node = view.optional("token").orElseThrow();
            String here = view.path() + " on line " + Problems.lineOf(node);
            if (token.length() < MIN_TOKEN_LENGTH) {
                // Never the token itself, nor its substituted value: both are secrets.
                reader.problems().add(node, view.path("token"), "too short, " + token.length() + " characters"
                        + " (expected: " + TOKEN + ")");
                token = null;
            } else if (tokens.putIfAbsent(token, here) != null) {
                reader.problems().add(node, view.path("token"), "already used by " + tokens.get(token)
                        + " (expected: a token unique to each user)");
                token = null;
            }
        }
        List<String> roles = reader.strings(view.optional("roles").orElse(null), view.path("roles"), "role name");
        String key = id;
        if (view.has("key")) {
            key = view.requiredString("key", SettingsBinder.KEY_LABEL);
            key = key == null ? null : key.trim();
        }
        if (key != null) {
            Node node = view.optional("key").orElse(view.node());
            String first = keys.putIfAbsent(key, view.path() + " on line " + Problems.lineOf(node));
            if (first != null) {
                reader.problems().add(node, view.path("key"), key + ": already used by " + first
                        + " (expected: a key label unique to each user and the organisation seal)");
                key = null;
            }
        }
        if (hasToken && token == null || key == null) {
            return null;
        }
        return new UserConfig(id, Optional.ofNullable(token).map(Secret::new),
                roles == null ? Set.of() : Set.copyOf(roles), key);
    }
}
