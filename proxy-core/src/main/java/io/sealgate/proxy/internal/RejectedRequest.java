package io.sealgate.proxy.internal;

/**
 * A request the {@link RequestValidator} refused. It travels down the pipeline in place of the offending message so
 * that the {@link FrontendHandler} answers it in order (after any response still in flight) and closes the
 * connection.
 */
public record RejectedRequest(ProxyError error, String message) {}
