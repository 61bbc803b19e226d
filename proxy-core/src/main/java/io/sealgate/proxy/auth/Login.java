package io.sealgate.proxy.auth;

import io.sealgate.signing.log.LogEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one identity source established about a request's sender, before it is mapped to a configured user.
 *
 * @param userId                the user id the source names
 * @param roles                 roles the source asserts (a token's groups claim, a gateway's roles header)
 * @param source                the source, as the signature log records it: {@code jwt}, {@code session}, ...
 * @param authTime              when the user last actively logged in at the IdP ({@code auth_time})
 * @param acr                   the authentication context class ({@code acr})
 * @param amr                   the authentication methods ({@code amr})
 * @param tokenIdSha256         SHA-256 (hex) of the token or session id, so a log entry names it without holding it
 * @param authorizationConsumed the {@code Authorization} header carried Sealgate's own credential
 */
public record Login(String userId, Set<String> roles, String source, Optional<Instant> authTime,
                    Optional<String> acr, List<String> amr, Optional<String> tokenIdSha256,
                    boolean authorizationConsumed) {

    public Login {
        Objects.requireNonNull(userId, "userId");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(acr, "acr");
        amr = List.copyOf(amr);
        Objects.requireNonNull(tokenIdSha256, "tokenIdSha256");
    }

    /** How the signature log records this login. */
    public LogEntry.Authentication logEntry() {
        return new LogEntry.Authentication(source, tokenIdSha256, authTime, acr);
    }

    /** Lowercase hex SHA-256 of {@code value}'s UTF-8 bytes. */
    public static String sha256Hex(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
