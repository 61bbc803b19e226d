package io.sealgate.proxy.internal;

import io.netty.handler.codec.http.HttpHeaders;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A complete upstream response collected by {@link ActionExchange#send}: the body is in memory, or in a file when the
 * caller asked for one (a document fetched for approval).
 *
 * @param status   the final status (1xx responses are skipped)
 * @param headers  the response headers as the upstream sent them
 * @param body     the body when collected in memory; empty when it went to {@code bodyFile}
 * @param bodyFile the file the body was written to, when the caller gave one
 */
public record UpstreamReply(int status, HttpHeaders headers, byte[] body, Optional<Path> bodyFile) {

    public UpstreamReply {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(bodyFile, "bodyFile");
    }

    /** Whether the status is 2xx. */
    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /**
     * Whether the upstream took a write: 2xx, or 3xx (a browser form post is typically answered 303 See Other once
     * the upload is stored).
     */
    public boolean accepted() {
        return status >= 200 && status < 400 && status != 304;
    }
}
