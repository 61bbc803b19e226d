package io.sealgate.proxy.actions;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sealgate.config.RouteOptions;
import io.sealgate.proxy.internal.ActionExchange;
import io.sealgate.signing.verify.ReportJson;
import io.sealgate.signing.verify.Verdict;
import io.sealgate.signing.verify.VerificationReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code verify-upload}: a document arriving from elsewhere (another organisation's Sealgate) is verified before it
 * is stored. Verdict {@code INVALID} is refused with 422 and the JSON verification report ({@code on-invalid:
 * refuse}, the default) or forwarded with the verdict ({@code annotate}). {@code VALID} and {@code INCOMPLETE} (valid
 * so far, process steps pending: the normal state of a document sent for approval) are forwarded. The verdict
 * travels upstream and back to the client in {@code Sealgate-Verification: valid; signatures=3; process=complete}.
 * Needs no user: verifying signs nothing.
 */
final class VerifyUploadRun extends ActionRun {

    static final String VERIFICATION_HEADER = "Sealgate-Verification";

    VerifyUploadRun(SigningActions actions, ActionExchange ex) {
        super(actions, ex);
    }

    @Override
    boolean actsAsUser() {
        return false;
    }

    @Override
    void onBody(Path body) {
        sign(() -> actions.service().verify(body, Optional.empty()), report -> {
            if (report.verdict() == Verdict.INVALID
                    && ex.route().options().onInvalid() == RouteOptions.OnInvalid.REFUSE) {
                HttpHeaders headers = new DefaultHttpHeaders()
                        .set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                        .set(VERIFICATION_HEADER, summary(report));
                finishWith(HttpResponseStatus.UNPROCESSABLE_ENTITY.code(), headers, ReportJson.toJson(report));
                return;
            }
            HttpRequest head = ex.upstreamHead(ex.method(), ex.rawTarget(), false);
            head.headers().set(VERIFICATION_HEADER, summary(report));
            send(head, body, reply -> relay(reply, new DefaultHttpHeaders().set(VERIFICATION_HEADER,
                    summary(report)), reply.body()), this::upstreamFailed);
        });
    }

    /** {@code valid; signatures=3; process=complete}. */
    static String summary(VerificationReport report) {
        String process = report.process() == null ? "none" : switch (report.process().status()) {
            case "FOLLOWED_COMPLETE" -> "complete";
            case "FOLLOWED_INCOMPLETE" -> "incomplete";
            case "VIOLATED" -> "violated";
            default -> "invalid";
        };
        return report.verdict().name().toLowerCase(Locale.ROOT) + "; signatures=" + report.signatures().size()
                + "; process=" + process;
    }
}
