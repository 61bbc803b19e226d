package io.sealgate.proxy.auth;

import io.sealgate.proxy.actions.Authenticated;
import java.util.Objects;
import java.util.Optional;

/** The result of authenticating a request against every configured source: who it is, or why it is refused. */
public sealed interface Decision {

    /**
     * An authenticated user with a signing key: a user under {@code users:}.
     *
     * @param user  the identity and its log entry, as the signing routes use them
     * @param login what the identity source established (for step-up checks)
     */
    record Allowed(Authenticated user, Login login) implements Decision {
        public Allowed {
            Objects.requireNonNull(user, "user");
            Objects.requireNonNull(login, "login");
        }
    }

    /**
     * A refusal to answer as-is: 401 (no or a bad credential, step-up needed) or 403 (authenticated, but not a user
     * under {@code users:}).
     *
     * @param wwwAuthenticate the {@code WWW-Authenticate} header value for a 401
     */
    record Denied(int status, String code, String message, Optional<String> wwwAuthenticate) implements Decision {
        public Denied {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(wwwAuthenticate, "wwwAuthenticate");
        }
    }
}
