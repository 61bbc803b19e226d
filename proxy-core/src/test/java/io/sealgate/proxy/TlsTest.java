package io.sealgate.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.sealgate.config.ListenerConfig;
import io.sealgate.config.PathPattern;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.UpstreamConfig;
import io.sealgate.fixtures.pki.TestPki;
import io.sealgate.proxy.testing.RawHttp;
import io.sealgate.proxy.testing.TestConfigs;
import io.sealgate.proxy.testing.TestOrigin;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on both hops: listener certificates from PEM files (and their reload), verified and mutual upstream TLS. */
class TlsTest {

    @TempDir
    Path dir;

    private TestPki pki;
    private TestOrigin origin;
    private SealgateServer proxy;

    @BeforeEach
    void createPki() {
        pki = TestPki.create(dir.resolve("pki"));
    }

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    @Test
    void listenerServesTlsFromPemFiles() throws Exception {
        origin = TestOrigin.start();
        TestPki.Issued server = pki.issueServer("listener");
        InetSocketAddress address = startTlsProxy(server, origin.baseUrl());

        HttpClient client = HttpClient.newBuilder().sslContext(trusting(pki.caFile())).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + address.getPort() + "/hello")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok /hello");
        assertThat(origin.lastRequest().headers().get("X-Forwarded-Proto")).isEqualTo("https");
    }

    @Test
    void newConnectionsSeeTheNewCertificateAfterThePemFilesChange() throws Exception {
        origin = TestOrigin.start();
        TestPki.Issued first = pki.issueServer("listener");
        InetSocketAddress address = startTlsProxy(first, origin.baseUrl());
        assertThat(servedCertificate(address).getSerialNumber()).isEqualTo(first.certificate().getSerialNumber());

        TestPki.Issued second = pki.issueServer("listener"); // same files, new key and certificate
        // Make the change visible even on file systems with coarse timestamps.
        FileTime later = FileTime.from(Instant.now().plusSeconds(5));
        Files.setLastModifiedTime(second.certificateChain(), later);
        Files.setLastModifiedTime(second.privateKey(), later);

        BigInteger expected = second.certificate().getSerialNumber();
        BigInteger served = servedCertificate(address).getSerialNumber();
        for (int attempt = 0; attempt < 100 && !served.equals(expected); attempt++) {
            Thread.sleep(100); // the watcher checks once a second
            served = servedCertificate(address).getSerialNumber();
        }
        assertThat(served).isEqualTo(expected);
    }

    @Test
    void httpsUpstreamIsVerifiedAgainstTheCaBundle() throws Exception {
        origin = TestOrigin.startTls(originContext(pki.issueServer("origin"), false));
        InetSocketAddress address = startPlainProxy(secureUpstream(Optional.empty()));

        try (RawHttp client = new RawHttp(address)) {
            RawHttp.Response response = client.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.bodyText()).isEqualTo("ok /x");
        }
    }

    @Test
    void httpsUpstreamWhoseCertificateNamesAnotherHostIsRefusedWith502() throws Exception {
        origin = TestOrigin.startTls(originContext(
                pki.issueServer("other", List.of("other.example"), List.of()), false));
        InetSocketAddress address = startPlainProxy(secureUpstream(Optional.empty()));

        try (RawHttp client = new RawHttp(address)) {
            RawHttp.Response response = client.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            assertThat(response.status()).isEqualTo(502);
            assertThat(response.bodyText()).isEqualTo("{\"error\":\"upstream_unavailable\",\"message\":\"upstream "
                    + "'secure' (https://127.0.0.1:" + origin.port() + ") is unavailable: TLS handshake failed: No "
                    + "subject alternative names matching IP address 127.0.0.1 found\",\"requestId\":\""
                    + response.header("Sealgate-Request-Id") + "\"}");
        }
        assertThat(origin.requests()).isEmpty();
    }

    @Test
    void clientCertificateIsPresentedToTheUpstream() throws Exception {
        origin = TestOrigin.startTls(originContext(pki.issueServer("origin"), true));
        TestPki.Issued clientCert = pki.issueClient("proxy-client", "sealgate-proxy");
        InetSocketAddress address = startPlainProxy(secureUpstream(Optional.of(
                new UpstreamConfig.ClientCertificate(clientCert.certificateChain(), clientCert.privateKey()))));

        try (RawHttp client = new RawHttp(address)) {
            RawHttp.Response response = client.send("GET /x HTTP/1.1\r\nHost: a\r\n\r\n").readResponse();
            assertThat(response.status()).isEqualTo(200);
        }
        assertThat(origin.lastRequest().clientCertificateSubject()).isEqualTo("CN=sealgate-proxy");
    }

    @Test
    void listenerWithClientCaAcceptsOnlyClientsWithACertificateFromIt() throws Exception {
        origin = TestOrigin.start();
        TestPki.Issued server = pki.issueServer("listener");
        TestPki.Issued alice = pki.issueClient("alice", "alice");
        proxy = SealgateServer.start(TestConfigs.builder()
                .listener(new ListenerConfig("127.0.0.1", 0, Optional.of(new ListenerConfig.Tls(
                        server.certificateChain(), server.privateKey(), Optional.of(pki.caFile())))))
                .upstream(TestConfigs.upstream("origin", origin.baseUrl()))
                .route("all", PathPattern.prefix("/"), "origin").build());
        URI url = URI.create("https://127.0.0.1:" + proxy.boundAddresses().get(0).getPort() + "/who");

        HttpClient withCertificate = HttpClient.newBuilder().sslContext(clientContext(alice)).build();
        HttpResponse<String> response = withCertificate.send(HttpRequest.newBuilder(url).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);

        HttpClient withoutCertificate = HttpClient.newBuilder().sslContext(trusting(pki.caFile())).build();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> withoutCertificate.send(
                HttpRequest.newBuilder(url).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.io.IOException.class);
        assertThat(origin.requests()).hasSize(1);
    }

    /** A JDK client context presenting {@code client} and trusting the test CA. */
    private SSLContext clientContext(TestPki.Issued client) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        String pem = Files.readString(client.privateKey())
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        java.security.PrivateKey key = java.security.KeyFactory.getInstance("EC").generatePrivate(
                new java.security.spec.PKCS8EncodedKeySpec(java.util.Base64.getDecoder().decode(pem)));
        keys.setKeyEntry("client", key, new char[0], new java.security.cert.Certificate[] {client.certificate(),
                pki.caCertificate()});
        javax.net.ssl.KeyManagerFactory kmf = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", pki.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    private UpstreamConfig secureUpstream(Optional<UpstreamConfig.ClientCertificate> clientCertificate) {
        return new UpstreamConfig("secure", URI.create("https://127.0.0.1:" + origin.port()), Duration.ofSeconds(5),
                Duration.ofSeconds(30), 4, false, Optional.of(pki.caFile()), clientCertificate);
    }

    private InetSocketAddress startPlainProxy(UpstreamConfig upstream) throws Exception {
        proxy = SealgateServer.start(TestConfigs.builder().upstream(upstream)
                .route("all", PathPattern.prefix("/"), upstream.name()).build());
        return proxy.boundAddresses().get(0);
    }

    private InetSocketAddress startTlsProxy(TestPki.Issued server, URI upstream) throws Exception {
        SealgateConfig config = TestConfigs.builder()
                .listener(new ListenerConfig("127.0.0.1", 0, Optional.of(new ListenerConfig.Tls(
                        server.certificateChain(), server.privateKey(), Optional.empty()))))
                .upstream(TestConfigs.upstream("origin", upstream))
                .route("all", PathPattern.prefix("/"), "origin").build();
        proxy = SealgateServer.start(config);
        return proxy.boundAddresses().get(0);
    }

    private SslContext originContext(TestPki.Issued server, boolean requireClientCertificate) throws Exception {
        SslContextBuilder builder = SslContextBuilder.forServer(server.certificateChain().toFile(),
                server.privateKey().toFile()).sslProvider(SslProvider.JDK);
        if (requireClientCertificate) {
            builder.trustManager(pki.caFile().toFile()).clientAuth(ClientAuth.REQUIRE);
        }
        return builder.build();
    }

    private X509Certificate servedCertificate(InetSocketAddress address) throws Exception {
        try (SSLSocket socket = (SSLSocket) trusting(pki.caFile()).getSocketFactory()
                .createSocket(address.getAddress(), address.getPort())) {
            socket.startHandshake();
            return (X509Certificate) socket.getSession().getPeerCertificates()[0];
        }
    }

    private static SSLContext trusting(Path caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caPem)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
