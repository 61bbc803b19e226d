package io.sealgate.proxy.actions;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import io.sealgate.proxy.actions.ActionError.ActionFailure;
import io.sealgate.proxy.auth.AuthRequest;
import io.sealgate.proxy.auth.Decision;
import io.sealgate.proxy.auth.Login;
import io.sealgate.proxy.internal.ActionExchange;
import io.sealgate.proxy.internal.SpoolWriter;
import io.sealgate.proxy.internal.UpstreamReply;
import io.sealgate.signing.service.RequestContext;
import io.sealgate.signing.service.SignResult;
import io.sealgate.signing.service.StepGate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every action run does: authenticate (with the identity sources the route and its listener accept, on the
 * signing executor) and apply the step-up rules, spool the request body to a private file (writes on the signing
 * executor, the next chunk read only after the previous one is on disk), run blocking work on the signing executor
 * under the deadline, send requests upstream, answer once, and delete every spool file. State is touched on the
 * client's event loop only; executor tasks hand their results back to it.
 */
abstract class ActionRun implements ActionExchange.Handler {

    private static final Logger LOG = LoggerFactory.getLogger(ActionRun.class);
    /** Upstream answers relayed to the client are collected in memory up to this size. */
    static final long MAX_REPLY_BYTES = 16L << 20;
    static final String SIGNATURE_HEADER = "Sealgate-Signature";

    final SigningActions actions;
    final ActionExchange ex;
    Authenticated user;
    /** What the identity source established, for step-up rules; null on routes that do not act as the user. */
    private Login login;
    private Path bodyFile;
    private SpoolWriter writer;
    private long received;
    private boolean finished;
    private final List<Path> files = new ArrayList<>();

    ActionRun(SigningActions actions, ActionExchange ex) {
        this.actions = actions;
        this.ex = ex;
    }

    /** Whether the route acts as the user (sign-upload, approve): then the request must authenticate. */
    abstract boolean actsAsUser();

    /** The whole request body is in {@code body}. */
    abstract void onBody(Path body);

    /**
     * The step this run's signature performs, as far as it is known before the document is: sign-upload's create
     * step, an approve route's {@code step:}. Empty when the service decides (then {@link #stepGate} checks it).
     */
    Optional<String> knownStep() {
        return Optional.empty();
    }

    final void start() {
        ex.handler(this);
        if (!actsAsUser()) {
            receive();
            return;
        }
        AuthRequest request = AuthRequest.of(ex.requestHeaders(), ex.client(), ex.tlsSession());
        var accepted = actions.authenticator().accepted(ex.route(), ex.listener());
        // Off the loop: a JWT naming an unknown key id makes the authenticator refetch the JWKS (up to 2 s).
        offLoop(() -> actions.authenticator().authenticate(request, accepted), decision -> {
            if (decision instanceof Decision.Denied denied) {
                fail(ActionError.of(denied));
                return;
            }
            Decision.Allowed allowed = (Decision.Allowed) decision;
            user = allowed.user();
            login = allowed.login();
            // Refuse a too weak login before the body is read; an approval's step may only be known later.
            Optional<Decision.Denied> weak = stepUp(knownStep());
            if (weak.isPresent()) {
                fail(ActionError.of(weak.get()));
                return;
            }
            receive();
        });
    }

    /** The step-up refusal for performing {@code step} with the user's key, or empty when the login suffices. */
    private Optional<Decision.Denied> stepUp(Optional<String> step) {
        return actions.authenticator().stepUp().check(login, step, actions.keyLabel(user.identity().userId()));
    }

    /**
     * For the signing service: refuses (with the 401 challenge) a step the service chose whose step-up rules the
     * login does not meet. Runs on the signing executor.
     */
    final StepGate stepGate() {
        return step -> stepUp(Optional.of(step)).ifPresent(denied -> {
            throw new ActionFailure(ActionError.of(denied));
        });
    }

    /** Spools the request body, then {@link #onBody}. */
    private void receive() {
        if (ex.declaredLength() > actions.maxDocumentBytes()) {
            fail(tooLarge(ex.declaredLength()));
            return;
        }
        offLoop(() -> newSpoolFile("upload-"), file -> {
            bodyFile = file;
            writer = new SpoolWriter(file, actions.executor(), ex.eventLoop());
            ex.read();
        });
    }

    @Override
    public final void onContent(HttpContent content) {
        if (finished || writer == null) {
            content.release();
            return;
        }
        received += content.content().readableBytes();
        if (received > actions.maxDocumentBytes()) {
            content.release();
            fail(tooLarge(received));
            return;
        }
        boolean last = content instanceof LastHttpContent;
        writer.write(content.content(), () -> {
            if (finished) {
                return;
            }
            if (last) {
                writer.close();
                onBody(bodyFile);
            } else {
                ex.read();
            }
        }, e -> fail(ActionError.of(e)));
    }

    @Override
    public final void onClientGone() {
        finish();
    }

    private ActionError tooLarge(long bytes) {
        String size = bytes == ex.declaredLength() ? bytes + " bytes" : "more than " + actions.maxDocumentBytes()
                + " bytes";
        return ActionError.of(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large", "request body: " + size
                + " (expected: at most " + actions.maxDocumentBytes() + " bytes, signing.max-document-size)");
    }

    /** A new empty file in the spool directory (mode 0600, as temp files are); deleted when the run ends. */
    final Path newSpoolFile(String prefix) throws IOException {
        Path file = Files.createTempFile(actions.spoolDirectory(), prefix, ".tmp");
        synchronized (files) {
            files.add(file);
        }
        return file;
    }

    /** Registers a file the service made, for deletion when the run ends. */
    final void own(Path file) {
        synchronized (files) {
            files.add(file);
        }
    }

    final RequestContext requestContext() {
        return new RequestContext(ex.route().name(), ex.requestId(), user.authentication());
    }

    /** Runs blocking work on the signing executor (no deadline: spool bookkeeping); the result comes to the loop. */
    final <T> void offLoop(Callable<T> task, Consumer<T> then) {
        run(task, then, -1);
    }

    /**
     * Runs a signing service call on the signing executor within {@code signing.deadline} (waiting in the queue
     * included). A result that arrives after the run ended (deadline, client gone) is given to {@link #abandon}.
     */
    final <T> void sign(Callable<T> task, Consumer<T> then) {
        run(task, then, actions.deadline().toNanos());
    }

    private <T> void run(Callable<T> task, Consumer<T> then, long deadlineNanos) {
        long start = System.nanoTime();
        CompletableFuture<T> future;
        try {
            future = CompletableFuture.supplyAsync(() -> {
                if (deadlineNanos > 0 && System.nanoTime() - start > deadlineNanos) {
                    throw new ActionFailure(overdue());
                }
                try {
                    return task.call();
                } catch (Exception e) {
                    throw new CompletionException(e);
                }
            }, actions.executor());
        } catch (RuntimeException e) {
            fail(ActionError.of(e));
            return;
        }
        ScheduledFuture<?> timer = deadlineNanos > 0
                ? ex.eventLoop().schedule(() -> fail(overdue()), deadlineNanos, TimeUnit.NANOSECONDS) : null;
        future.whenComplete((result, error) -> ex.eventLoop().execute(() -> {
            if (timer != null) {
                timer.cancel(false);
            }
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                if (!(cause instanceof io.sealgate.signing.SigningException) && !(cause instanceof ActionFailure)) {
                    LOG.error("request {}: {} failed", ex.requestId(), ex.route().action().yamlName(), cause);
                }
                fail(ActionError.of(cause));
            } else if (finished) {
                abandon(result);
            } else {
                then.accept(result);
            }
        }));
    }

    private ActionError overdue() {
        return new ActionError(HttpResponseStatus.SERVICE_UNAVAILABLE, "signing_timeout", "signing did not finish "
                + "within " + actions.deadline().toMillis() + " ms (signing.deadline); try again shortly",
                ActionError.RETRY_AFTER_SECONDS);
    }

    /** A signature made for a run that has ended: it was never forwarded. */
    private void abandon(Object result) {
        if (result instanceof SignResult signed) {
            own(signed.output());
            undelivered(signed, "the request ended before the signed document was forwarded");
        }
        cleanup();
    }

    /**
     * Sends one request upstream; {@code then} gets any complete response, {@code failed} a connection failure. Both
     * run on the loop. An action sends only after its admitted work (signing, verification) is done, so the body
     * reads are never refused for overload: that would throw the finished work away.
     */
    final void send(HttpRequest head, Path body, Consumer<UpstreamReply> then, Consumer<Throwable> failed) {
        ex.send(head, body, null, MAX_REPLY_BYTES, actions.executor().admitted()).addListener(f -> {
            if (f.isSuccess()) {
                then.accept((UpstreamReply) f.getNow());
            } else {
                failed.accept(f.cause());
            }
        });
    }

    /** The upstream could not be reached or broke off: 502 (504 for a timeout) with a sentence. */
    final void upstreamFailed(Throwable cause) {
        String message = ex.describeUpstreamFailure(cause);
        if (cause instanceof java.io.IOException) {
            LOG.warn("request {}: {}", ex.requestId(), message);
        } else {
            LOG.warn("request {}: {}", ex.requestId(), message, cause); // not the network: keep the stack trace
        }
        fail(ActionError.of(ex.upstreamFailureStatus(cause), ex.upstreamFailureCode(cause), message));
    }

    final void delivered(SignResult result) {
        actions.executor().executeOrElsewhere(() -> actions.service().markDelivered(result.logIndexes(),
                ex.requestId()));
    }

    final void undelivered(SignResult result, String detail) {
        actions.executor().executeOrElsewhere(() -> actions.service().markUndelivered(result.logIndexes(),
                ex.requestId(), detail));
    }

    /** Relays an upstream answer to the client, with extra headers, and ends the run. */
    final void relay(UpstreamReply reply, HttpHeaders extra, byte[] body) {
        HttpHeaders headers = reply.headers().copy();
        if (extra != null) {
            headers.add(extra);
        }
        if (body != reply.body()) {
            headers.remove(HttpHeaderNames.CONTENT_ENCODING);
        }
        finished = true;
        ex.respond(reply.status(), headers, body);
        cleanup();
    }

    /** Answers from Sealgate itself (not an error: e.g. a verification report) and ends the run. */
    final void finishWith(int status, HttpHeaders headers, byte[] body) {
        finished = true;
        ex.respond(status, headers, body);
        cleanup();
    }

    /** One {@code Sealgate-Signature} header per signature made. */
    static HttpHeaders signatureHeaders(SignResult result) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (var s : result.signatures()) {
            headers.add(SIGNATURE_HEADER, "signer=" + s.signer() + s.step().map(step -> "; step=" + step).orElse("")
                    + "; log=" + s.logIndex());
        }
        return headers;
    }

    final void fail(ActionError error) {
        if (finished) {
            return;
        }
        finished = true;
        HttpHeaders extra = new DefaultHttpHeaders();
        if (error.retryAfterSeconds() > 0) {
            extra.set(HttpHeaderNames.RETRY_AFTER, error.retryAfterSeconds());
        }
        error.wwwAuthenticate().ifPresent(challenge -> extra.set(HttpHeaderNames.WWW_AUTHENTICATE, challenge));
        ex.respondError(error.status(), error.code(), error.message(), extra);
        cleanup();
    }

    final boolean finished() {
        return finished;
    }

    private void finish() {
        finished = true;
        cleanup();
    }

    private void cleanup() {
        if (writer != null) {
            writer.close();
        }
        List<Path> toDelete;
        synchronized (files) {
            toDelete = new ArrayList<>(files);
            files.clear();
        }
        if (toDelete.isEmpty()) {
            return;
        }
        actions.executor().executeOrElsewhere(() -> {
            for (Path file : toDelete) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    LOG.warn("cannot delete spool file {}: {}", file, e.getMessage());
                }
            }
        });
    }
}
