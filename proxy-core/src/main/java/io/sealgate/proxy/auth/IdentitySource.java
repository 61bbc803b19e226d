package io.sealgate.proxy.auth;

/**
 * One way a request can prove who sent it. Implementations are thread-safe, read only the request, and never decide
 * a key: they name a user, and {@code users:} says which key that user signs with.
 */
public interface IdentitySource {

    /** Examines {@code request}; never throws for a bad credential, answers {@link AuthOutcome.Refused} instead. */
    AuthOutcome authenticate(AuthRequest request);
}
