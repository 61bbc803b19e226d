package io.sealgate.proxy.internal;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.sealgate.config.UpstreamConfig;
import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * The client TLS context for an {@code https} upstream: the upstream's certificate is verified against
 * {@code caBundle} (or the system trust store) and its host name (endpoint identification {@code HTTPS}); SNI is
 * sent by the handler; an optional client certificate makes it mutual TLS.
 */
final class UpstreamTls {

    private UpstreamTls() {}

    static SslContext clientContext(UpstreamConfig upstream) throws IOException {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .endpointIdentificationAlgorithm("HTTPS");
            if (upstream.caBundle().isPresent()) {
                builder.trustManager(upstream.caBundle().get().toFile());
            }
            if (upstream.clientCertificate().isPresent()) {
                UpstreamConfig.ClientCertificate cert = upstream.clientCertificate().get();
                builder.keyManager(cert.certificateChain().toFile(), cert.privateKey().toFile());
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot set up TLS for upstream '" + upstream.name() + "': " + e.getMessage(), e);
        }
    }
}
