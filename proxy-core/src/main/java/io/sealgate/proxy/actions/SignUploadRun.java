package io.sealgate.proxy.actions;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.sealgate.config.PathFill;
import io.sealgate.config.RouteOptions;
import io.sealgate.proxy.internal.ActionExchange;
import io.sealgate.proxy.internal.UpstreamReply;
import io.sealgate.signing.DocumentRejectedException;
import io.sealgate.signing.service.CreateRequest;
import io.sealgate.signing.service.SignResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code sign-upload}: the uploaded document is signed as its creator (with the route's process, if any) and the
 * signed bytes go upstream instead of the original. A PDF gets a PAdES signature in place. Any other file gets a
 * detached CAdES {@code .p7s}: the original goes to the request's path, and the {@code .p7s} either to the
 * {@code cades-name} path by a second upstream {@code PUT} (cades-output: upstream, the default) or back to the client
 * as the response body (cades-output: client). A {@code multipart/form-data} upload has its file part replaced by the
 * signed PDF; every other byte of the body is kept.
 */
final class SignUploadRun extends ActionRun {

    private static final String P7S_TYPE = "application/pkcs7-signature";

    SignUploadRun(SigningActions actions, ActionExchange ex) {
        super(actions, ex);
    }

    @Override
    boolean actsAsUser() {
        return true;
    }

    @Override
    Optional<String> knownStep() {
        return actions.template(ex.route().options().process()).map(t -> t.createStep().id());
    }

    @Override
    void onBody(Path body) {
        Optional<String> boundary = MultipartFile.boundaryOf(ex.requestHeaders().get(HttpHeaderNames.CONTENT_TYPE));
        if (boundary.isPresent()) {
            offLoop(() -> {
                MultipartFile part = MultipartFile.find(body, boundary.get());
                Path document = newSpoolFile("document-");
                part.extract(body, document);
                if (!MultipartFile.startsWithPdf(document)) {
                    throw new DocumentRejectedException("multipart upload of " + part.fileName()
                            + ": only PDF files can be signed in a form upload (expected: a PDF, or a PUT of the file "
                            + "itself for a detached .p7s)");
                }
                return new Object[] {part, document};
            }, found -> signMultipart(body, (MultipartFile) found[0], (Path) found[1]));
            return;
        }
        String name = DocumentNames.of(ex.route(), ex.pathVariables(), ex.rawPath());
        String cadesPath;
        try {
            RouteOptions options = ex.route().options();
            cadesPath = PathFill.cadesPath(ex.rawPath(), options.cadesName(), ex.route().match().path(),
                    ex.pathVariables());
        } catch (IllegalArgumentException e) {
            fail(ActionError.of(HttpResponseStatus.BAD_REQUEST, "bad_request", "route '" + ex.route().name()
                    + "': cades-name: " + e.getMessage()));
            return;
        }
        sign(() -> create(body, name), result -> {
            if (result.format().equals("PAdES")) {
                forwardSigned(result, result.output());
            } else {
                forwardWithP7s(body, result, name, cadesPath);
            }
        });
    }

    private SignResult create(Path document, String name) throws Exception {
        SignResult result = actions.service().create(new CreateRequest(document, name, user.identity(),
                actions.template(ex.route().options().process()), requestContext()));
        own(result.output());
        return result;
    }

    private void signMultipart(Path body, MultipartFile part, Path document) {
        sign(() -> {
            SignResult result = create(document, part.fileName());
            Path rebuilt = newSpoolFile("multipart-");
            part.replace(body, result.output(), rebuilt);
            return new Object[] {result, rebuilt};
        }, made -> forwardSigned((SignResult) made[0], (Path) made[1]));
    }

    /** The signed document (or multipart body) replaces the original. */
    private void forwardSigned(SignResult result, Path signedBody) {
        HttpRequest head = ex.upstreamHead(ex.method(), ex.rawTarget(), user.authorizationConsumed());
        send(head, signedBody, reply -> stored(reply, result, reply.body(), null), cause -> {
            undelivered(result, ex.describeUpstreamFailure(cause));
            upstreamFailed(cause);
        });
    }

    private void forwardWithP7s(Path original, SignResult result, String name, String cadesPath) {
        HttpRequest head = ex.upstreamHead(ex.method(), ex.rawTarget(), user.authorizationConsumed());
        send(head, original, reply -> {
            if (!reply.accepted()) {
                stored(reply, result, reply.body(), null);
            } else if (ex.route().options().cadesOutput() == RouteOptions.CadesOutput.CLIENT) {
                offLoop(() -> Files.readAllBytes(result.output()), p7s -> {
                    HttpHeaders extra = new DefaultHttpHeaders()
                            .set(HttpHeaderNames.CONTENT_TYPE, P7S_TYPE)
                            .set(HttpHeaderNames.CONTENT_DISPOSITION, "attachment; filename=\""
                                    + name.replace("\"", "") + ".p7s\"");
                    reply.headers().remove(HttpHeaderNames.CONTENT_TYPE);
                    stored(reply, result, p7s, extra);
                });
            } else {
                putP7s(reply, result, cadesPath);
            }
        }, cause -> {
            undelivered(result, ex.describeUpstreamFailure(cause));
            upstreamFailed(cause);
        });
    }

    private void putP7s(UpstreamReply documentReply, SignResult result, String cadesPath) {
        HttpRequest head = ex.upstreamHead(HttpMethod.PUT, cadesPath, user.authorizationConsumed());
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, P7S_TYPE);
        send(head, result.output(), reply -> {
            if (reply.accepted()) {
                stored(documentReply, result, documentReply.body(), null);
            } else {
                undelivered(result, "upstream answered " + reply.status() + " to the .p7s at " + cadesPath);
                fail(ActionError.of(HttpResponseStatus.BAD_GATEWAY, "upstream_refused_signature", "upstream '"
                        + ex.route().upstream() + "' stored the document but answered " + reply.status()
                        + " to its signature at " + cadesPath + "; upload it again"));
            }
        }, cause -> {
            undelivered(result, ex.describeUpstreamFailure(cause));
            upstreamFailed(cause);
        });
    }

    /** The upstream answered the signed upload: relay its answer; a 2xx marks the signatures delivered. */
    private void stored(UpstreamReply reply, SignResult result, byte[] body, HttpHeaders extra) {
        HttpHeaders headers = extra == null ? new DefaultHttpHeaders() : extra;
        if (reply.accepted()) {
            delivered(result);
            headers.add(signatureHeaders(result));
        } else {
            undelivered(result, "upstream answered " + reply.status());
        }
        relay(reply, headers, body);
    }
}
