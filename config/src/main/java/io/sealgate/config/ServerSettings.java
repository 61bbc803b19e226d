package io.sealgate.config;

import java.time.Duration;

/**
 * Process-wide server settings.
 *
 * @param ioThreads            event-loop threads; 0 means Netty's default (2 x cores)
 * @param maxInitialLineBytes  longest accepted request line; longer ones get 414 and the connection is closed
 * @param maxHeaderBytes       largest accepted header block; larger ones get 431 and the connection is closed
 * @param idleTimeout          a client connection with no traffic for this long is closed
 * @param shutdownGrace        how long in-flight requests may take to finish after SIGTERM
 * @param accessLogFormat      one line per request, as text or JSON
 */
public record ServerSettings(
        int ioThreads,
        int maxInitialLineBytes,
        int maxHeaderBytes,
        Duration idleTimeout,
        Duration shutdownGrace,
        LogFormat accessLogFormat) {

    public static ServerSettings defaults() {
        return new ServerSettings(0, 8192, 16384, Duration.ofSeconds(60), Duration.ofSeconds(30), LogFormat.TEXT);
    }

    public enum LogFormat { TEXT, JSON }
}
