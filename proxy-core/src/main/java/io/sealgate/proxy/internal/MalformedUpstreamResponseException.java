package io.sealgate.proxy.internal;

import java.io.IOException;

/** The upstream's response could not be decoded (ambiguous framing, invalid header, oversized head, bad chunk). */
final class MalformedUpstreamResponseException extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedUpstreamResponseException(Throwable cause) {
        super(cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName(), cause);
    }
}
