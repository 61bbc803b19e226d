package io.sealgate.proxy.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.sealgate.policy.ProcessDecision;
import io.sealgate.signing.SigningException;
import io.sealgate.signing.keys.KeyUseRefusedException;
import io.sealgate.signing.service.ProcessRefusedException;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.Test;

/** The one mapping of signing failures to statuses: the cases the end-to-end tests cannot provoke on demand. */
class ActionErrorTest {

    @Test
    void fullSigningQueueIsAnswered503WithRetryAfter() {
        ActionError error = ActionError.of(new RejectedExecutionException("queue full"));

        assertThat(error).isEqualTo(new ActionError(HttpResponseStatus.SERVICE_UNAVAILABLE, "signing_overloaded",
                "every signing thread is busy and the signing queue is full; try again shortly", 5));
    }

    @Test
    void processDecisionGivesStatusAndCode() {
        ActionError outOfOrder = ActionError.of(new CompletionException(new ProcessRefusedException(
                new ProcessDecision(ProcessDecision.Outcome.OUT_OF_ORDER, Optional.of("approve"), "not yet"))));
        ActionError unknown = ActionError.of(new ProcessRefusedException(
                new ProcessDecision(ProcessDecision.Outcome.UNKNOWN_STEP, Optional.empty(), "no such step")));

        assertThat(outOfOrder).isEqualTo(ActionError.of(HttpResponseStatus.CONFLICT, "step-out-of-order", "not yet"));
        assertThat(unknown).isEqualTo(ActionError.of(HttpResponseStatus.BAD_REQUEST, "unknown-step", "no such step"));
    }

    @Test
    void refusedKeyUseIs403() {
        assertThat(ActionError.of(new KeyUseRefusedException("daily limit reached")))
                .isEqualTo(ActionError.of(HttpResponseStatus.FORBIDDEN, "key_use_refused", "daily limit reached"));
    }

    @Test
    void otherSigningFailuresFailClosedWith503() {
        assertThat(ActionError.of(new SigningException("token 'x' is not logged in"))).isEqualTo(new ActionError(
                HttpResponseStatus.SERVICE_UNAVAILABLE, "signing_unavailable", "token 'x' is not logged in", 5));
    }

    @Test
    void bugsAre500WithoutDetailsInTheMessage() {
        ActionError error = ActionError.of(new NullPointerException("secret internals"));

        assertThat(error.status()).isEqualTo(HttpResponseStatus.INTERNAL_SERVER_ERROR);
        assertThat(error.message()).isEqualTo("signing failed unexpectedly (NullPointerException); the proxy log "
                + "has the details");
    }
}
