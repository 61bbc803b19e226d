package io.sealgate.proxy.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Concurrent clients uploading PDFs through a proxy as fixed users: client {@code i} sends, one after the other,
 * {@code PUT /files/c{i}-r{n}-{user}.pdf} (a distinct {@link TinyPdf} each time) with the bearer token of user
 * {@code i % users}, until the duration has passed; the request in flight then finishes. After a 503 the client waits
 * the {@code Retry-After}, as a well-behaved client does. Every request's outcome is kept, none is retried.
 */
final class UploadLoad {

    /**
     * What one request got back.
     *
     * @param status  the HTTP status; -1 when the client got no answer ({@code failure} says why)
     * @param failure the exception the client met; null when it got an answer
     */
    record Outcome(String name, String user, int status, List<String> signatureHeaders, int retryAfterSeconds,
                   String body, String failure) {
    }

    private UploadLoad() {
    }

    /** @param tokens user id to bearer token, in the order clients are given users */
    static List<Outcome> run(URI base, Map<String, String> tokens, int clientCount, Duration duration)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        List<String> users = List.copyOf(tokens.keySet());
        long end = System.nanoTime() + duration.toNanos();
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(clientCount);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < clientCount; c++) {
                int client = c;
                running.add(clients.submit(() -> {
                    String user = users.get(client % users.size());
                    for (int r = 0; System.nanoTime() < end; r++) {
                        String name = String.format("c%03d-r%04d-%s.pdf", client, r, user);
                        Outcome o = put(http, base.resolve("files/" + name), name, user, tokens.get(user));
                        outcomes.add(o);
                        if (o.status() == 503) {
                            // Also keeps the refused clients from spinning on the two shared cores.
                            Thread.sleep(1000L * o.retryAfterSeconds());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            clients.shutdownNow();
        }
        return List.copyOf(outcomes);
    }

    private static Outcome put(HttpClient http, URI uri, String name, String user, String token) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/pdf")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(TinyPdf.showing("Order " + name))).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Outcome(name, user, response.statusCode(), response.headers().allValues("Sealgate-Signature"),
                    response.headers().firstValue("Retry-After").map(Integer::parseInt).orElse(0), response.body(),
                    null);
        } catch (Exception e) {
            return new Outcome(name, user, -1, List.of(), 0, "", e.toString());
        }
    }
}
