package io.sealgate.proxy.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.sun.net.httpserver.HttpServer;
import io.sealgate.fixtures.documents.SampleDocuments;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication never blocks the event loop: while a JWT's keys are still being fetched (the JWKS server holds its
 * answer), the proxy's only event loop answers another client at once.
 */
class AuthenticationOffTheLoopTest {

    @TempDir
    Path dir;

    @Test
    void aRequestWaitingForTheJwksLeavesTheEventLoopFreeForOtherClients() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch fetching = new CountDownLatch(1);
        ExecutorService jwksThreads = Executors.newCachedThreadPool();
        HttpServer jwks = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        jwks.setExecutor(jwksThreads);
        AuthProxy proxy = null;
        try {
            // Holds every fetch (the start-up prefetch included) until the test releases it, sending a space now and
            // then (JSON allows leading white space) so the fetch stays within its 2-second read timeout.
            String[] keys = new String[1];
            jwks.createContext("/jwks", exchange -> {
                fetching.countDown();
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, 0);
                try (OutputStream out = exchange.getResponseBody()) {
                    while (!release.await(300, TimeUnit.MILLISECONDS)) {
                        out.write(' ');
                        out.flush();
                    }
                    out.write(keys[0].getBytes(StandardCharsets.UTF_8));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            jwks.start();
            proxy = new AuthProxy(dir, "", null,
                    URI.create("http://127.0.0.1:" + jwks.getAddress().getPort() + "/jwks"));
            keys[0] = proxy.idp.jwksJson();
            assertThat(fetching.await(30, TimeUnit.SECONDS)).isTrue();
            byte[] pdf;
            pdf = SampleDocuments.PDFBOX_PURCHASE_ORDER.bytes();
            String token = proxy.idp.mint(proxy.idp.claims("alice", "sealgate").build(), JWSAlgorithm.RS256);

            CompletableFuture<HttpResponse<String>> upload = proxy.http.sendAsync(HttpRequest.newBuilder(
                    proxy.base.resolve("files/po-loop.pdf")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/pdf").PUT(HttpRequest.BodyPublishers.ofByteArray(pdf))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> health = proxy.send("GET", ".sealgate/health", Map.of(), null);

            assertThat(health.statusCode()).isEqualTo(200);
            // The upload is still waiting for the keys: its authentication holds a signing thread, not the loop.
            assertThat(upload).isNotDone();
            release.countDown();
            HttpResponse<String> signed = upload.get(60, TimeUnit.SECONDS);
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
        } finally {
            release.countDown();
            if (proxy != null) {
                proxy.close();
            }
            jwks.stop(0);
            jwksThreads.shutdownNow();
        }
    }
}
