package io.sealgate.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * One listening socket.
 *
 * @param host  address to bind (e.g. {@code 127.0.0.1}, {@code ::1}, {@code 0.0.0.0})
 * @param port  0-65535; 0 picks a free port (tests)
 * @param tls   serve TLS from PEM files when present
 */
public record ListenerConfig(String host, int port, Optional<Tls> tls) {

    /**
     * TLS for a listener. The files are watched and reloaded when they change (certificate rotation).
     *
     * @param certificateChain  PEM, leaf first
     * @param privateKey        PEM, PKCS#8 (unencrypted)
     * @param clientCa          PEM bundle; when present, client certificates are requested and verified (mTLS)
     */
    public record Tls(Path certificateChain, Path privateKey, Optional<Path> clientCa) {}
}
