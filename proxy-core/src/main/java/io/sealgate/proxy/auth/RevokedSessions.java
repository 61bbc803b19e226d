package io.sealgate.proxy.auth;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sessions ended by logout, kept until the cookie would have expired anyway, so a copy of a logged-out cookie is
 * refused. In memory: a restart forgets the list, which {@code docs/security.md} states (keep session lifetimes short).
 */
final class RevokedSessions {

    private final Map<String, Long> revoked = new ConcurrentHashMap<>();
    private final Clock clock;

    RevokedSessions(Clock clock) {
        this.clock = clock;
    }

    void revoke(String sid, long expiresAtEpochSecond) {
        purge();
        revoked.put(sid, expiresAtEpochSecond);
    }

    boolean isRevoked(String sid) {
        return revoked.containsKey(sid);
    }

    /** Entries whose cookie has expired are refused for expiry already; dropping them bounds the list. */
    private void purge() {
        long now = Instant.now(clock).getEpochSecond();
        revoked.values().removeIf(expiresAt -> expiresAt < now);
    }
}
