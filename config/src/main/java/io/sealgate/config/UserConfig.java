package io.sealgate.config;

import java.util.Objects;
import java.util.Set;

/**
 * A statically configured user: a bearer token, the roles it carries and the token key it signs with. A stopgap
 * until real authentication lands; the proxy compares tokens in constant time.
 *
 * @param id     the user id (the key under {@code users:}), recorded in signatures and manifests
 * @param token  the bearer token; unique across users
 * @param roles  the user's roles within the organisation
 * @param key    label of the user's signing key in the PKCS#11 token; the user id unless set
 */
public record UserConfig(String id, Secret token, Set<String> roles, String key) {

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
