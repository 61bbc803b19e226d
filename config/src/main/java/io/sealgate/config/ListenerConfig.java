package io.sealgate.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;

/**
 * One listening socket.
 *
 * @param host  address to bind (e.g. {@code 127.0.0.1}, {@code ::1}, {@code 0.0.0.0})
 * @param port  0-65535; 0 picks a free port (tests)
 * @param tls   serve TLS from PEM files when present
 * @param authentication  the identity sources a signing request on this listener may authenticate with, unless its
 *              route lists its own; empty: every configured source
 */
public record ListenerConfig(String host, int port, Optional<Tls> tls,
                             Optional<Set<AuthenticationConfig.Source>> authentication) {

    public ListenerConfig {
        java.util.Objects.requireNonNull(tls, "tls");
        java.util.Objects.requireNonNull(authentication, "authentication");
        authentication = authentication.map(Set::copyOf);
    }

    /** A listener that leaves the identity sources to its routes (or every configured one). */
    public ListenerConfig(String host, int port, Optional<Tls> tls) {
        this(host, port, tls, Optional.empty());
    }

    /**
     * TLS for a listener. The files are watched and reloaded when they change (certificate rotation).
     *
     * @param certificateChain  PEM, leaf first
     * @param privateKey        PEM, PKCS#8 (unencrypted)
     * @param clientCa          PEM bundle; when present, client certificates are requested and verified (mTLS)
     */
    public record Tls(Path certificateChain, Path privateKey, Optional<Path> clientCa) {}
}
