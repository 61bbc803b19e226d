package io.sealgate.proxy.auth;

import io.sealgate.config.ConfigLoader;
import io.sealgate.config.SealgateConfig;
import java.nio.file.Path;
import java.util.Map;

/** Configs for the authentication tests: alice (requester) and bob (manager) under users:, one pass route. */
final class AuthConfigs {

    static final String ALICE_TOKEN = "alice-token-0123456789";
    static final String BOB_TOKEN = "bob-token-0123456789abc";
    static final String ORGANISATION = "Acme Corp";
    static final String SESSION_KEY = "0123456789abcdef0123456789abcdef-session";

    private AuthConfigs() {
    }

    /** A config with {@code authentication} (a YAML block, indented under the key) and the two users. */
    static SealgateConfig load(Path dir, String authentication) throws Exception {
        String yaml = """
                listeners: [{host: 127.0.0.1, port: 0}]
                upstreams: {saas: {url: "http://127.0.0.1:9"}}
                routes:
                  - {name: rest, upstream: saas, action: pass}
                users:
                  alice: {token: %s, roles: [requester]}
                  bob: {token: %s, roles: [manager]}
                authentication:
                %s
                """.formatted(ALICE_TOKEN, BOB_TOKEN, authentication.indent(2).stripTrailing());
        return ConfigLoader.builder().environment(Map.of("SESSION_KEY", SESSION_KEY, "OIDC_SECRET",
                "client-s3cret")::get).build().parse(yaml, dir.resolve("sealgate.yaml"));
    }

    /** The jwt: block for {@code issuer} with keys at {@code jwksUrl}. */
    static String jwt(String issuer, String jwksUrl) {
        return """
                jwt:
                  issuer: %s
                  audience: sealgate
                  jwks-url: %s
                  algorithms: [RS256, ES256]
                  clock-skew: 30s
                  user-claim: preferred_username
                  roles-claim: groups
                """.formatted(issuer, jwksUrl);
    }
}
