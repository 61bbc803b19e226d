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
 * <p>Any other file type is signed in the detached {@code .p7s} beside it ({@code document-path} plus {@code .p7s},
 * as sign-upload writes it by default): both are fetched, the {@code .p7s} gets the counter-signatures and is what is
 * written back; the document itself is never rewritten.
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
    Optional<String> knownStep() {
        return ex.route().options().step();
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
        fetch(documentPath, document -> offLoop(() -> MultipartFile.startsWithPdf(document.file()), pdf -> {
            if (pdf) {
                approve(requestBody, new Fetched(documentPath, document.file(), document.contentType()),
                        Optional.empty(), name);
                return;
            }
            // Any other file carries its signatures in the .p7s beside it: that is what gets counter-signed.
            String p7sPath = documentPath + ".p7s";
            fetch(p7sPath, p7s -> approve(requestBody, new Fetched(documentPath, document.file(),
                    document.contentType()), Optional.of(new Fetched(p7sPath, p7s.file(), p7s.contentType())), name));
        }));
    }

    /** A file fetched from the upstream: where it lives there, its spool copy, its Content-Type. */
    private record Fetched(String path, Path file, Optional<String> contentType) {}

    /** GETs {@code path} into a spool file with the user's headers; a non-2xx answer ends the run with it. */
    private void fetch(String path, java.util.function.Consumer<Fetched> then) {
        offLoop(() -> newSpoolFile("fetched-"), file -> {
            HttpRequest get = ex.upstreamHead(HttpMethod.GET, path, user.authorizationConsumed());
            get.headers().remove(HttpHeaderNames.CONTENT_TYPE);
            ex.send(get, null, file, actions.maxDocumentBytes(), actions.executor()).addListener(f -> {
                if (!f.isSuccess()) {
                    upstreamFailed(f.cause());
                    return;
                }
                UpstreamReply reply = (UpstreamReply) f.getNow();
                if (!reply.isSuccess()) {
                    // Missing, or the upstream refuses this user: its answer is the client's answer.
                    relay(reply, null, new byte[0]);
                    return;
                }
                then.accept(new Fetched(path, file,
                        Optional.ofNullable(reply.headers().get(HttpHeaderNames.CONTENT_TYPE))));
            });
        });
    }

    private void approve(Path requestBody, Fetched document, Optional<Fetched> p7s, String name) {
        sign(() -> {
            SignResult result = actions.service().approve(new ApproveRequest(document.file(),
                    p7s.map(Fetched::file), name, user.identity(), ex.route().options().step(), requestContext(),
                    stepGate()));
            own(result.output());
            return result;
        }, result -> writeBack(requestBody, result, p7s.orElse(document)));
    }

    /** Writes the signed PDF, or the counter-signed .p7s, back where it came from. */
    private void writeBack(Path requestBody, SignResult result, Fetched target) {
        HttpRequest put = ex.upstreamHead(HttpMethod.PUT, target.path(), user.authorizationConsumed());
        put.headers().set(HttpHeaderNames.CONTENT_TYPE, target.contentType().orElse(
                result.format().equals("PAdES") ? "application/pdf" : "application/pkcs7-signature"));
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
