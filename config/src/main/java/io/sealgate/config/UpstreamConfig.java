package io.sealgate.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A named upstream service the proxy forwards to.
 *
 * @param name            the key under {@code upstreams:}
 * @param baseUrl         {@code http://} or {@code https://} URL; its path (if any) is prepended to forwarded paths
 * @param connectTimeout  TCP (and TLS) connect timeout
 * @param readTimeout     longest silence from the upstream while a response is awaited or streamed
 * @param poolSize        idle keep-alive connections kept per event loop
 * @param preserveHost    forward the client's {@code Host} header instead of the upstream's authority
 * @param caBundle        PEM CA bundle for {@code https://} upstreams; the system trust store when empty
 * @param clientCertificate  client certificate the proxy presents to the upstream (mTLS)
 */
public record UpstreamConfig(
        String name,
        URI baseUrl,
        Duration connectTimeout,
        Duration readTimeout,
        int poolSize,
        boolean preserveHost,
        Optional<Path> caBundle,
        Optional<ClientCertificate> clientCertificate) {

    public boolean isTls() {
        return "https".equalsIgnoreCase(baseUrl.getScheme());
    }

    public int port() {
        int port = baseUrl.getPort();
        return port != -1 ? port : isTls() ? 443 : 80;
    }

    /** @param certificateChain PEM, leaf first; @param privateKey PEM, PKCS#8 */
    public record ClientCertificate(Path certificateChain, Path privateKey) {}
}
