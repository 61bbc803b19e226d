package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.fixtures.pki.TestPki;
import io.sealgate.signing.log.LogEntry;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client certificates through the real proxy on a TLS listener with {@code client-ca}: a certificate the client CA
 * issued signs as its common name and the log says so; one for a user not under {@code users:} is refused with 403
 * {@code no_key}; one from another CA never gets past the handshake, so nothing is signed or sent upstream.
 */
class ClientCertificateProxyTest {

    private static final char[] PASSWORD = "test-only".toCharArray();

    @TempDir
    static Path dir;

    private static AuthProxy proxy;
    private static TestPki clients;
    private static TestPki other;
    private static byte[] pdf;

    @BeforeAll
    static void start() throws Exception {
        clients = TestPki.create(dir.resolve("clients"), "Acme Clients CA");
        other = TestPki.create(dir.resolve("other"), "Evil CA");
        TestPki.Issued server = clients.issueServer("server");
        proxy = new AuthProxy(dir, """
                mtls:
                  user-from: subject-cn
                """, new AuthProxy.ListenerTls(server.certificateChain(), server.privateKey(), clients.caFile()), null,
                new AuthProxy.Extra("", """
                        - name: jwt-only
                          match: {methods: [PUT], path: "/origin/jwt/{name}"}
                          upstream: origin
                          action: sign-upload
                          authentication: [jwt]
                        """, ""));
        pdf = SampleDocuments.PDFBOX_PURCHASE_ORDER.bytes();
    }

    @AfterAll
    static void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    /** PUTs the PDF to the signing route with {@code certificate} as the client certificate. */
    private static HttpResponse<String> upload(TestPki.Issued certificate, String name) throws Exception {
        return upload(certificate, "origin/signed/", name);
    }

    private static HttpResponse<String> upload(TestPki.Issued certificate, String path, String name)
            throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(clientContext(certificate)).build();
        return client.send(HttpRequest.newBuilder(proxy.base.resolve(path + name))
                .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(pdf))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Presents {@code certificate} (its chain and PKCS#8 key as TestPki wrote them); trusts the client CA. */
    private static SSLContext clientContext(TestPki.Issued certificate) throws Exception {
        String pem = Files.readString(certificate.privateKey()).replaceAll("-----[A-Z ]+-----", "");
        PrivateKey key = KeyFactory.getInstance(certificate.certificate().getPublicKey().getAlgorithm())
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem)));
        Certificate[] chain;
        try (InputStream in = Files.newInputStream(certificate.certificateChain())) {
            chain = CertificateFactory.getInstance("X.509").generateCertificates(in).toArray(Certificate[]::new);
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("client", key, PASSWORD, chain);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", clients.caCertificate());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return context;
    }

    @Test
    void aCertificateFromTheClientCaSignsAsItsCommonName() throws Exception {

        HttpResponse<String> response = upload(clients.issueClient("alice", "alice"), "po-mtls.pdf");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).singleElement().asString()
                .startsWith("signer=alice; log=");
        LogEntry entry = proxy.entryNamedIn(AuthProxy.values(response, "Sealgate-Signature").get(0));
        assertThat(entry.userId()).isEqualTo("alice");
        assertThat(entry.authentication().source()).isEqualTo("mtls");
        assertThat(entry.authentication().tokenIdSha256()).isPresent();
    }

    @Test
    void aCertificateFromTheClientCaForAUserWithoutAKeyIsRefusedWith403() throws Exception {
        long before = proxy.logSize();

        HttpResponse<String> response = upload(clients.issueClient("mallory", "mallory"), "po-mallory.pdf");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("no_key");
        assertThat(body.get("message").asText()).isEqualTo("user mallory (authenticated by mtls) is not under "
                + "users:, so has no signing key (expected: a users: entry naming their key)");
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(proxy.origin.requests()).noneMatch(r -> r.uri().endsWith("/po-mallory.pdf"));
    }

    @Test
    void aClientCertificateAloneIsRefusedOnAJwtOnlyRoute() throws Exception {
        long before = proxy.logSize();

        HttpResponse<String> response = upload(clients.issueClient("alice-jwt", "alice"), "origin/jwt/",
                "po-cert.pdf");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
        JsonNode body = new ObjectMapper().readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("source_not_accepted");
        assertThat(body.get("message").asText()).isEqualTo("this route does not accept client certificates (mtls);"
                + " it accepts jwt (expected: Authorization: Bearer <a JWT from " + proxy.idp.issuer() + ">)");
        assertThat(AuthProxy.values(response, "WWW-Authenticate")).containsExactly("Bearer realm=\"sealgate\"");
        assertThat(AuthProxy.values(response, "Sealgate-Signature")).isEmpty();
        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(proxy.originRequests("/origin/jwt/po-cert.pdf")).isEmpty();
    }

    @Test
    void aCertificateFromAnotherCaNeverGetsPastTheHandshake() throws Exception {
        long before = proxy.logSize();

        assertThatThrownBy(() -> upload(other.issueClient("alice-evil", "alice"), "po-evil.pdf"))
                .isInstanceOf(IOException.class);

        assertThat(proxy.logSize()).isEqualTo(before);
        assertThat(proxy.origin.requests()).noneMatch(r -> r.uri().endsWith("/po-evil.pdf"));
    }
}
