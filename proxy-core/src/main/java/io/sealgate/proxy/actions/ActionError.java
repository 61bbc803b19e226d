package io.sealgate.proxy.actions;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.sealgate.policy.ProcessDecision;
import io.sealgate.proxy.auth.Decision;
import io.sealgate.signing.DocumentRejectedException;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.SigningUnavailableException;
import io.sealgate.signing.keys.KeyUseRefusedException;
import io.sealgate.signing.service.DocumentModifiedException;
import io.sealgate.signing.service.ProcessRefusedException;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;

/**
 * An action's refusal or failure as the client sees it: status, JSON {@code error} code and sentence. {@link #of}
 * is the one place signing errors become HTTP statuses (docs/architecture.md, "Actions").
 *
 * @param retryAfterSeconds 0, or the {@code Retry-After} to send (overload, token unavailable)
 * @param wwwAuthenticate   the {@code WWW-Authenticate} challenge to send (an authentication refusal); empty: none
 */
public record ActionError(HttpResponseStatus status, String code, String message, int retryAfterSeconds,
                          Optional<String> wwwAuthenticate) {

    static final int RETRY_AFTER_SECONDS = 5;

    public ActionError {
        Objects.requireNonNull(wwwAuthenticate, "wwwAuthenticate");
    }

    /** An error without a challenge. */
    public ActionError(HttpResponseStatus status, String code, String message, int retryAfterSeconds) {
        this(status, code, message, retryAfterSeconds, Optional.empty());
    }

    /** The authenticator's refusal (no or a bad credential, no key, step-up needed), challenge included. */
    static ActionError of(Decision.Denied denied) {
        return new ActionError(HttpResponseStatus.valueOf(denied.status()), denied.code(), denied.message(), 0,
                denied.wwwAuthenticate());
    }

    static ActionError of(HttpResponseStatus status, String code, String message) {
        return new ActionError(status, code, message, 0);
    }

    /** Maps what the signing executor or the signing service threw. */
    static ActionError of(Throwable t) {
        if (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ActionFailure f) {
            return f.error();
        }
        if (t instanceof ProcessRefusedException p) {
            ProcessDecision.Outcome outcome = p.decision().outcome();
            HttpResponseStatus status = switch (outcome.kind()) {
                case FORBIDDEN -> HttpResponseStatus.FORBIDDEN;
                case CONFLICT -> HttpResponseStatus.CONFLICT;
                default -> HttpResponseStatus.BAD_REQUEST;
            };
            return of(status, outcome.code(), p.getMessage());
        }
        if (t instanceof DocumentModifiedException) {
            return of(HttpResponseStatus.CONFLICT, "document_modified", t.getMessage());
        }
        if (t instanceof DocumentRejectedException) {
            return of(HttpResponseStatus.UNPROCESSABLE_ENTITY, "document_rejected", t.getMessage());
        }
        if (t instanceof KeyUseRefusedException) {
            return of(HttpResponseStatus.FORBIDDEN, "key_use_refused", t.getMessage());
        }
        if (t instanceof SigningUnavailableException) {
            return new ActionError(HttpResponseStatus.SERVICE_UNAVAILABLE, "signing_unavailable", t.getMessage(),
                    RETRY_AFTER_SECONDS);
        }
        if (t instanceof RejectedExecutionException) {
            return new ActionError(HttpResponseStatus.SERVICE_UNAVAILABLE, "signing_overloaded",
                    "every signing thread is busy and the signing queue is full; try again shortly",
                    RETRY_AFTER_SECONDS);
        }
        if (t instanceof SigningException) {
            // Not the document's fault nor the user's (those have their own types): the token, a key or the log
            // is not as it should be. Fail closed, as for an unavailable token.
            return new ActionError(HttpResponseStatus.SERVICE_UNAVAILABLE, "signing_unavailable", t.getMessage(),
                    RETRY_AFTER_SECONDS);
        }
        return of(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "signing failed unexpectedly (" + t.getClass().getSimpleName() + "); the proxy log has the details");
    }

    /** Carries an {@link ActionError} through a future. */
    static final class ActionFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ActionError error;

        ActionFailure(ActionError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }

        ActionError error() {
            return error;
        }
    }
}
