package io.sealgate.proxy.internal;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpRequest;
import io.sealgate.config.UpstreamConfig;

/**
 * The state of one request/response exchange on a client connection. Touched only on that connection's event loop.
 */
final class Exchange {

    /** Route name used in logs and metrics for requests that matched no route. */
    static final String NO_ROUTE = "-";
    /** Route name used for Sealgate's own endpoints. */
    static final String RESERVED_ROUTE = "sealgate";

    private final String requestId;
    private final String method;
    private final String clientAddress;
    final long startNanos = System.nanoTime();

    String path = "-";
    String routeName = NO_ROUTE;
    int status;
    long bytesIn;
    long bytesOut;

    boolean clientKeepAlive;
    boolean clientHttp11;
    boolean headRequest;
    boolean expectContinue;
    boolean requestHasBody;
    /** The request's Content-Length, or -1 when it is chunked or has none. */
    long declaredLength = -1;
    long discardedBytes;

    UpstreamConfig upstream;
    HttpRequest upstreamRequest;
    Channel backend;
    BackendHandler backendHandler;
    ResponseRelay relay;
    UpstreamPool pool;
    /** Set when the route's action is not pass: the action owns the request body and the answer. */
    ActionExchange action;
    boolean reusedConnection;
    boolean retried;
    boolean upstreamKeepAlive;
    boolean inInformational;
    boolean continueSent;

    /** The last request content has been read from the client. */
    boolean requestDone;
    /** The last request content has been written to the upstream. */
    boolean requestWritten;
    /** Request content is dropped instead of forwarded (answered locally, or the upstream already answered). */
    boolean discardBody;
    boolean responseStarted;
    boolean responseDone;
    boolean pendingClientRead;
    boolean pendingUpstreamRead;

    Exchange(String requestId, String method, String clientAddress) {
        this.requestId = requestId;
        this.method = method;
        this.clientAddress = clientAddress;
    }

    String requestId() {
        return requestId;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    String routeName() {
        return routeName;
    }

    int status() {
        return status;
    }

    long bytesIn() {
        return bytesIn;
    }

    long bytesOut() {
        return bytesOut;
    }

    String clientAddress() {
        return clientAddress;
    }
}
