package io.sealgate.config;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A user who may sign: the token key they sign with, their roles and, optionally, a static bearer token. A user
 * without a token signs only when another identity source (a JWT, a browser session, a client certificate, a
 * gateway header) names them; the user -> key mapping is this record either way, never the request. The proxy
 * compares tokens in constant time.
 *
 * @param id     the user id (the key under {@code users:}), recorded in signatures and manifests
 * @param token  the static bearer token, unique across users; empty when the user authenticates only otherwise
 * @param roles  the user's roles within the organisation
 * @param key    label of the user's signing key in the PKCS#11 token; the user id unless set
 */
public record UserConfig(String id, Optional<Secret> token, Set<String> roles, String key) {

    /** A user with a static bearer token. */
    public UserConfig(String id, Secret token, Set<String> roles, String key) {
        this(id, Optional.of(token), roles, key);
    }

    public UserConfig {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(token, "token");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(key, "key");
    }

    @Override
    public String toString() {
        return "UserConfig[id=" + id + ", roles=" + roles + ", key=" + key + "]";
    }
}
