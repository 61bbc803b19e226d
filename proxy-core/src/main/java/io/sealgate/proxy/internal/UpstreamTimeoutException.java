package io.sealgate.proxy.internal;

import java.io.IOException;

/** The upstream was silent for longer than its {@code readTimeout} while Sealgate waited for it. */
public final class UpstreamTimeoutException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long millis;

    public UpstreamTimeoutException(long millis) {
        super("no data from upstream for " + millis + " ms");
        this.millis = millis;
    }

    public long millis() {
        return millis;
    }
}
