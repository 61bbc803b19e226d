package io.sealgate.proxy.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client-to-upstream direction for one client connection: leases an upstream connection (pooled or new), sends
 * the request head, then each body chunk once the previous one was written and the upstream is writable. Upstream
 * failures end here: a retry on a fresh connection when that is safe, otherwise an error answer (or a close when
 * the response has already started).
 */
final class RequestRelay {

    private static final Logger LOG = LoggerFactory.getLogger(RequestRelay.class);

    private final FrontendHandler frontend;
    private final ChannelHandlerContext client;
    private final ProxyMetrics metrics;

    RequestRelay(FrontendHandler frontend, ChannelHandlerContext client, ProxyMetrics metrics) {
        this.frontend = frontend;
        this.client = client;
        this.metrics = metrics;
    }

    /** Sends {@code ex.upstreamRequest} upstream, on an idle pooled connection when there is one. */
    void start(Exchange ex) {
        Channel idle = ex.pool.pollIdle();
        if (idle != null) {
            attach(ex, idle, true);
        } else {
            connect(ex);
        }
    }

    private void connect(Exchange ex) {
        Future<Channel> connecting = ex.pool.connect();
        connecting.addListener(f -> {
            if (!frontend.isCurrent(ex)) {
                if (f.isSuccess()) {
                    ex.pool.release(connecting.getNow()); // the client went away meanwhile
                }
                return;
            }
            if (f.isSuccess()) {
                attach(ex, connecting.getNow(), false);
            } else {
                onUpstreamFailure(ex, f.cause());
            }
        });
    }

    private void attach(Exchange ex, Channel backend, boolean reused) {
        ex.backend = backend;
        ex.backendHandler = backend.pipeline().get(BackendHandler.class);
        ex.reusedConnection = reused;
        ex.relay = new ResponseRelay(frontend, this, ex, client);
        ex.backendHandler.lease(ex.relay);
        backend.writeAndFlush(ex.upstreamRequest).addListener(f -> {
            if (!frontend.isCurrent(ex) || ex.backend != backend) {
                return;
            }
            if (!f.isSuccess()) {
                onUpstreamFailure(ex, f.cause());
                return;
            }
            ex.backendHandler.read(false); // a 100 Continue or an early final response may come at any time
            if (ex.requestDone) {
                // Retried on a fresh connection after the (empty) body was already consumed.
                forward(ex, LastHttpContent.EMPTY_LAST_CONTENT);
            } else {
                client.read();
            }
        });
    }

    /** Writes one request body chunk upstream; the next is read from the client when this write is done. */
    void forward(Exchange ex, HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        Channel backend = ex.backend;
        backend.writeAndFlush(content).addListener(f -> {
            if (ex.backend != backend) {
                return; // the exchange moved on: the connection was closed or handed back already
            }
            if (!f.isSuccess()) {
                if (frontend.isCurrent(ex)) {
                    onUpstreamFailure(ex, f.cause());
                } else {
                    closeBackend(ex);
                }
            } else if (last) {
                ex.requestWritten = true;
                if (ex.relay.responseReceived()) {
                    ex.relay.releaseBackend(); // the response overtook the end of the request
                } else if (!ex.responseStarted) {
                    ex.backendHandler.armTimeout();
                }
            } else if (!frontend.isCurrent(ex)) {
                return;
            } else if (backend.isWritable()) {
                client.read();
            } else {
                ex.pendingClientRead = true;
            }
        });
    }

    /** The upstream drained its write buffer: resume reading the request body. */
    void onUpstreamWritable(Exchange ex) {
        if (frontend.isCurrent(ex) && ex.pendingClientRead) {
            ex.pendingClientRead = false;
            client.read();
        }
    }

    /** The upstream could not be reached, went silent, or closed before the response was complete. */
    void onUpstreamFailure(Exchange ex, Throwable cause) {
        if (!frontend.isCurrent(ex)) {
            return;
        }
        closeBackend(ex);
        if (canRetry(ex)) {
            ex.retried = true;
            connect(ex);
            return;
        }
        ProxyError error = ErrorResponses.classifyUpstreamFailure(cause);
        metrics.upstreamError(ex.upstream.name(), error.code());
        String message = ErrorResponses.describeUpstreamFailure(ex.upstream.name(),
                ex.upstream.baseUrl().getScheme() + "://" + ProxyHeaders.authority(ex.upstream), cause);
        LOG.warn("request {}: {}", ex.requestId(), message);
        if (ex.responseStarted) {
            frontend.markClosing(); // the response is on its way: only a close can tell the client it broke
            client.close();
        } else {
            frontend.answerError(error, message);
        }
    }

    /** Closes the exchange's upstream connection, if it still has one, without reporting anything. */
    static void closeBackend(Exchange ex) {
        Channel backend = ex.backend;
        if (backend != null) {
            ex.backendHandler.detach();
            ex.backend = null;
            backend.close();
        }
    }

    /**
     * A pooled connection the upstream closed in the meantime fails before any response byte; a request without a
     * body and with an idempotent method is safe to send again, once, on a fresh connection.
     */
    private static boolean canRetry(Exchange ex) {
        return ex.reusedConnection && !ex.retried && !ex.responseStarted && !ex.requestHasBody
                && ex.bytesIn == 0 && isIdempotent(ex.method());
    }

    private static boolean isIdempotent(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE" -> true;
            default -> false;
        };
    }
}
