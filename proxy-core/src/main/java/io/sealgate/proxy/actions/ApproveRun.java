package io.sealgate.proxy.actions;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sealgate.config.PathFill;
import io.sealgate.proxy.internal.ActionExchange;
import io.sealgate.proxy.internal.UpstreamReply;
import io.sealgate.signing.service.ApproveRequest;
import io.sealgate.signing.service.SignResult;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code approve}: user U approves the document at the route's {@code document-path}. Sealgate fetches it from the
 * upstream with U's own request headers (minus Sealgate's bearer token), lets the signing service stack U's signature
 * (and the organisation seal when that completes the process), writes the result back with a {@code PUT}, and only
 * then forwards the original request (for the fixture SaaS: its {@code POST .../approve}). When any step fails the
 * client gets that error and nothing later happens: a refusal writes nothing.
 *
 * <p>PDF only for now: a detached {@code .p7s} is not fetched, so approving another file type answers 422.
 */
final class ApproveRun extends ActionRun {

    ApproveRun(SigningActions actions, ActionExchange ex) {
        super(actions, ex);
    }

    @Override
    boolean actsAsUser() {
        return true;
    }

    @Override
    void onBody(Path requestBody) {
        String documentPath;
        try {
            documentPath = PathFill.fill(ex.route().options().documentPath().orElseThrow(),
                    ex.route().match().path(), ex.pathVariables());
        } catch (IllegalArgumentException e) {
            fail(ActionError.of(HttpResponseStatus.BAD_REQUEST, "bad_request", "route '" + ex.route().name()
                    + "': document-path: " + e.getMessage()));
            return;
        }
        String name = DocumentNames.lastSegmentOfRaw(documentPath);
        offLoop(() -> newSpoolFile("fetched-"), fetched -> {
            HttpRequest get = ex.upstreamHead(HttpMethod.GET, documentPath, user.authorizationConsumed());
            get.headers().remove(HttpHeaderNames.CONTENT_TYPE);
            ex.send(get, null, fetched, actions.maxDocumentBytes(), actions.executor()).addListener(f -> {
                if (!f.isSuccess()) {
                    upstreamFailed(f.cause());
                    return;
                }
                UpstreamReply reply = (UpstreamReply) f.getNow();
                if (!reply.isSuccess()) {
                    // The document is missing or the upstream refuses this user: its answer is the client's answer.
                    relay(reply, null, new byte[0]);
                    return;
                }
                approve(requestBody, fetched, name, documentPath,
                        Optional.ofNullable(reply.headers().get(HttpHeaderNames.CONTENT_TYPE)));
            });
        });
    }

    private void approve(Path requestBody, Path document, String name, String documentPath,
                         Optional<String> contentType) {
        sign(() -> {
            SignResult result = actions.service().approve(new ApproveRequest(document, Optional.empty(), name,
                    user.identity(), ex.route().options().step(), requestContext()));
            own(result.output());
            return result;
        }, result -> writeBack(requestBody, result, documentPath, contentType));
    }

    private void writeBack(Path requestBody, SignResult result, String documentPath, Optional<String> contentType) {
        HttpRequest put = ex.upstreamHead(HttpMethod.PUT, documentPath, user.authorizationConsumed());
        put.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType.orElse("application/pdf"));
        send(put, result.output(), reply -> {
            if (!reply.accepted()) {
                undelivered(result, "upstream answered " + reply.status() + " to the signed document");
                relay(reply, null, reply.body());
                return;
            }
            delivered(result);
            forwardOriginal(requestBody, result);
        }, cause -> {
            undelivered(result, ex.describeUpstreamFailure(cause));
            upstreamFailed(cause);
        });
    }

    private void forwardOriginal(Path requestBody, SignResult result) {
        HttpRequest original = ex.upstreamHead(ex.method(), ex.rawTarget(), user.authorizationConsumed());
        send(original, ex.hasBody() ? requestBody : null,
                reply -> relay(reply, signatureHeaders(result), reply.body()),
                this::upstreamFailed);
    }
}
