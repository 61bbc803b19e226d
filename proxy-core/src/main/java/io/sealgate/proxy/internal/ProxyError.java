package io.sealgate.proxy.internal;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Every error Sealgate answers itself, with its HTTP status and the stable {@code error} code of the JSON body.
 * {@link ErrorResponses} turns one of these into a response; nothing else builds error responses.
 */
public enum ProxyError {
    BAD_REQUEST(HttpResponseStatus.BAD_REQUEST, "bad_request"),
    NOT_FOUND(HttpResponseStatus.NOT_FOUND, "not_found"),
    NO_ROUTE(HttpResponseStatus.NOT_FOUND, "no_route"),
    URI_TOO_LONG(HttpResponseStatus.REQUEST_URI_TOO_LONG, "uri_too_long"),
    HEADERS_TOO_LARGE(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "headers_too_large"),
    NOT_IMPLEMENTED(HttpResponseStatus.NOT_IMPLEMENTED, "not_implemented"),
    METHOD_NOT_ALLOWED(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed"),
    /** A document or request body above the configured limit. */
    TOO_LARGE(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "too_large"),
    /** A well-formed request whose document cannot be processed (neither a PDF nor a CMS signature). */
    UNPROCESSABLE_DOCUMENT(HttpResponseStatus.UNPROCESSABLE_ENTITY, "unprocessable_document"),
    /** The blocking-work executor's queue is full or its deadline passed; answered with Retry-After. */
    BUSY(HttpResponseStatus.SERVICE_UNAVAILABLE, "busy"),
    UPSTREAM_UNAVAILABLE(HttpResponseStatus.BAD_GATEWAY, "upstream_unavailable"),
    UPSTREAM_TIMEOUT(HttpResponseStatus.GATEWAY_TIMEOUT, "upstream_timeout"),
    SHUTTING_DOWN(HttpResponseStatus.SERVICE_UNAVAILABLE, "shutting_down");

    private final HttpResponseStatus status;
    private final String code;

    ProxyError(HttpResponseStatus status, String code) {
        this.status = status;
        this.code = code;
    }

    public HttpResponseStatus status() {
        return status;
    }

    /** The {@code error} field of the JSON body. */
    public String code() {
        return code;
    }
}
