package io.sealgate.proxy.auth;

import io.netty.handler.codec.http.HttpHeaders;
import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a request offers to prove who sent it: its headers, the address of the peer that connected to Sealgate, and
 * the client certificate chain the TLS handshake verified (empty without mTLS).
 *
 * @param headers            the client's request headers
 * @param peer               the connecting peer's address; empty when unknown, and then no trusted header is believed
 * @param clientCertificates the verified chain, leaf first; empty when the client sent none
 */
public record AuthRequest(HttpHeaders headers, Optional<InetAddress> peer, List<X509Certificate> clientCertificates) {

    public AuthRequest {
        Objects.requireNonNull(headers, "headers");
        Objects.requireNonNull(peer, "peer");
        clientCertificates = List.copyOf(clientCertificates);
    }

    /**
     * The request as a listener saw it: {@code client} is the connecting peer, {@code tls} the connection's TLS
     * session when it has one. A session whose peer sent no certificate (or one the handshake did not verify) gives
     * no certificates.
     */
    public static AuthRequest of(HttpHeaders headers, java.net.InetSocketAddress client,
                                 Optional<javax.net.ssl.SSLSession> tls) {
        List<X509Certificate> chain = new java.util.ArrayList<>();
        if (tls.isPresent()) {
            try {
                for (java.security.cert.Certificate c : tls.get().getPeerCertificates()) {
                    if (c instanceof X509Certificate x509) {
                        chain.add(x509);
                    }
                }
            } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
                chain.clear(); // no client certificate: not an error, just no mTLS identity
            }
        }
        return new AuthRequest(headers, Optional.ofNullable(client).map(java.net.InetSocketAddress::getAddress),
                chain);
    }

    /** A request known only by its headers: no peer address, no client certificate. */
    public static AuthRequest of(HttpHeaders headers) {
        return new AuthRequest(headers, Optional.empty(), List.of());
    }
}
