package io.sealgate.proxy.actions;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.UserConfig;
import io.sealgate.policy.Identity;
import io.sealgate.signing.log.LogEntry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The static users of {@code users:} that have a token: {@code Authorization: Bearer <token>} names the user whose
 * token it is. Tokens are compared as SHA-256 digests with {@link MessageDigest#isEqual}, against every user every
 * time, so the time taken says nothing about how much of a token matched or which user it belongs to.
 */
public final class ConfiguredUsers implements IdentityResolver {

    /** The {@code source} recorded in the signature log for these users. */
    public static final String SOURCE = "static-bearer";
    private static final String BEARER = "bearer ";

    private final List<Entry> users;

    private record Entry(byte[] tokenDigest, Identity identity) {}

    public ConfiguredUsers(SealgateConfig config, String organisation) {
        List<Entry> entries = new ArrayList<>();
        for (UserConfig user : config.users().values()) {
            // A user without a token is named by another identity source only.
            user.token().ifPresent(token -> entries.add(new Entry(sha256(token.reveal()), new Identity(user.id(),
                    user.roles(), organisation))));
        }
        this.users = List.copyOf(entries);
    }

    @Override
    public Optional<Authenticated> resolve(HttpHeaders headers) {
        String authorization = headers.get(HttpHeaderNames.AUTHORIZATION);
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return Optional.empty();
        }
        byte[] presented = sha256(authorization.substring(BEARER.length()).strip());
        Identity found = null;
        for (Entry user : users) {
            if (MessageDigest.isEqual(presented, user.tokenDigest()) && found == null) {
                found = user.identity();
            }
        }
        return Optional.ofNullable(found).map(identity -> new Authenticated(identity,
                LogEntry.Authentication.of(SOURCE), true));
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
