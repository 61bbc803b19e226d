package io.sealgate.proxy.auth;

import java.util.Objects;

/**
 * What one identity source made of a request: it carries no credential of that source ({@link Absent}), a valid
 * one ({@link Accepted}), or one that is present but not valid ({@link Refused}). A refusal ends authentication:
 * Sealgate never falls through to a weaker source when a credential fails.
 */
public sealed interface AuthOutcome {

    /** No credential of this source. */
    record Absent() implements AuthOutcome {}

    /** A valid credential. */
    record Accepted(Login login) implements AuthOutcome {
        public Accepted {
            Objects.requireNonNull(login, "login");
        }
    }

    /**
     * A present credential that failed; {@code message} is a sentence for the client that names the credential and
     * what was wrong, never the credential itself.
     */
    record Refused(String code, String message) implements AuthOutcome {
        public Refused {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }

    AuthOutcome ABSENT = new Absent();

    static AuthOutcome invalid(String message) {
        return new Refused("invalid_credentials", message);
    }
}
