package io.sealgate.bench.logshare;

import io.sealgate.config.ConfigLoader;
import io.sealgate.config.SealgateConfig;
import io.sealgate.config.Secret;
import io.sealgate.config.TokenConfig;
import io.sealgate.fixtures.documents.SampleDocuments;
import io.sealgate.fixtures.saas.FixtureSaas;
import io.sealgate.fixtures.softhsm.SoftHsmToken;
import io.sealgate.policy.KeyUsageGuard;
import io.sealgate.policy.ProcessTemplates;
import io.sealgate.proxy.SealgateServer;
import io.sealgate.signing.keys.KeyVault;
import io.sealgate.signing.log.DeliveryStatus;
import io.sealgate.signing.log.FileLogStore;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.SignatureLog;
import io.sealgate.signing.service.SealgateToken;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The signature log's share of sign-upload latency at the embedded default (file store, a tree head signed with the
 * token's {@code sealgate-log} key after every append, written with its leaf under one {@code force}).
 *
 * <p>One client uploads small PDFs one after the other through a real proxy (in this JVM) to the fixture SaaS and
 * times each sign-upload. Right after each upload, with the proxy idle, the benchmark times one
 * {@link SignatureLog#append} of an entry shaped like the service's, on a second file log in the same directory
 * (same disk) signed by the same token key: the work a signature's entry puts on the request's path (the delivery
 * status leaf is appended after the response is sent). Pairing the two in one loop exposes both to the same machine
 * conditions. A third log, with a tree head every 100 appends ({@code log.tree-head-every: 100}), shows what the
 * per-append head costs. Prints a Markdown table.
 *
 * <pre>LogShareBenchmark [--uploads 300] [--warmup 50] [--dir /tmp]</pre>
 */
public final class LogShareBenchmark {

    private static final String ALICE = "alice-token-0123456789";
    private static final String HASH = "ab".repeat(32);

    private LogShareBenchmark() {}

    public static void main(String[] args) throws Exception {
        int uploads = intArg(args, "--uploads", 300);
        int warmup = intArg(args, "--warmup", 50);
        Path base = Path.of(stringArg(args, "--dir", "/tmp"));
        Path dir = Files.createTempDirectory(base, "sealgate-bench-logshare-");
        SoftHsmToken hsm = SoftHsmToken.create("logshare");
        TokenConfig token = new TokenConfig(hsm.library(), hsm.label(), new Secret(hsm.userPin()));
        try (KeyVault setupVault = KeyVault.open(token, KeyUsageGuard.ALLOW_ALL)) {
            SealgateToken.initialize(setupVault, "Acme Corp", "sealgate-seal")
                    .enrolUser("alice", "alice", Set.of("requester"));
        }
        try (FixtureSaas saas = FixtureSaas.start(dir.resolve("saas"), new InetSocketAddress("127.0.0.1", 0))) {
            SealgateConfig config = config(dir, token, saas.baseUri());
            SealgateServer server = SealgateServer.start(config);
            try (KeyVault vault = KeyVault.open(token, KeyUsageGuard.ALLOW_ALL);
                 SignatureLog probe = SignatureLog.open(FileLogStore.open(dir.resolve("probe-log")),
                         vault.systemKey("sealgate-log"));
                 SignatureLog batched = SignatureLog.open(FileLogStore.open(dir.resolve("probe-log-batched")),
                         vault.systemKey("sealgate-log"), new SignatureLog.Options(100, Clock.systemUTC()))) {
                URI uri = URI.create("http://127.0.0.1:" + server.boundAddresses().get(0).getPort() + "/files/");
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                long[] upload = new long[uploads];
                long[] append = new long[uploads];
                long[] batchedAppend = new long[uploads];
                for (int i = -warmup; i < uploads; i++) {
                    byte[] pdf = pdf(i);
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri.resolve("doc-" + i + ".pdf"))
                            .header("Authorization", "Bearer " + ALICE).header("Content-Type", "application/pdf")
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(pdf)).build(),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                    long t1 = System.nanoTime();
                    if (r.statusCode() != 201) {
                        throw new IllegalStateException("upload " + i + ": " + r.statusCode() + " " + r.body());
                    }
                    // let the proxy append the delivery status leaf before timing the probe log
                    Thread.sleep(5);
                    long t2 = System.nanoTime();
                    probe.append(entry(i));
                    long t3 = System.nanoTime();
                    batched.append(entry(i));
                    long t4 = System.nanoTime();
                    if (i >= 0) {
                        upload[i] = t1 - t0;
                        append[i] = t3 - t2;
                        batchedAppend[i] = t4 - t3;
                    }
                }
                print(uploads, upload, append, batchedAppend);
            } finally {
                server.close();
            }
        } finally {
            hsm.close();
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static LogEntry entry(int i) {
        return new LogEntry(Instant.now(), "alice", LogEntry.Authentication.of("bearer"), "alice", HASH,
                "doc-" + i + ".pdf", HASH, HASH, HASH, Optional.empty(), Optional.empty(), "upload",
                "bench-" + i, DeliveryStatus.PENDING);
    }

    private static void print(int n, long[] upload, long[] append, long[] batched) {
        Arrays.sort(upload);
        Arrays.sort(append);
        Arrays.sort(batched);
        System.out.printf("%d sequential sign-uploads (1 client), each paired with one probe append%n%n", n);
        System.out.println("| measurement | p50 | p90 | p99 | mean |");
        System.out.println("|---|---|---|---|---|");
        row("sign-upload, client round trip (log enabled)", upload);
        row("`SignatureLog.append` of an entry, default (tree head signed in SoftHSM, leaf and head in 1 force)",
                append);
        row("`SignatureLog.append` of an entry, `tree-head-every: 100` (1 force; a head every 100)", batched);
        System.out.printf("%nlog share of sign-upload p50: %.1f %% (append p50 / sign-upload p50); with the status"
                        + " leaf too (2 appends): %.1f %%%n", 100.0 * pct(append, 50) / pct(upload, 50),
                200.0 * pct(append, 50) / pct(upload, 50));
        System.out.printf("with tree-head-every: 100: %.1f %%%n", 100.0 * pct(batched, 50) / pct(upload, 50));
    }

    private static void row(String name, long[] sorted) {
        System.out.printf("| %s | %s | %s | %s | %s |%n", name, ms(pct(sorted, 50)), ms(pct(sorted, 90)),
                ms(pct(sorted, 99)), ms((long) Arrays.stream(sorted).average().orElse(0)));
    }

    private static long pct(long[] sorted, int p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    private static String ms(long nanos) {
        return String.format("%.2f ms", nanos / 1e6);
    }

    private static byte[] pdf(int i) throws Exception {
        try (var in = SampleDocuments.PDFBOX_PURCHASE_ORDER.open()) {
            byte[] base = in.readAllBytes();
            byte[] tail = ("%" + i + "\n").getBytes(StandardCharsets.US_ASCII);
            byte[] out = Arrays.copyOf(base, base.length + tail.length);
            System.arraycopy(tail, 0, out, base.length, tail.length);
            return out;
        }
    }

    private static SealgateConfig config(Path dir, TokenConfig token, URI saas) throws Exception {
        Path file = dir.resolve("sealgate.yaml");
        Files.writeString(file, """
                listeners:
                  - host: 127.0.0.1
                    port: 0
                upstreams:
                  saas:
                    url: %s
                token:
                  library: %s
                  label: %s
                  pin: "%s"
                organisation:
                  name: Acme Corp
                  seal-key: sealgate-seal
                signing:
                  spool-dir: %s
                log:
                  store: file
                  directory: %s
                users:
                  alice: {token: %s, roles: [requester]}
                routes:
                  - name: upload
                    match: {methods: [PUT], path: "/files/{name}"}
                    upstream: saas
                    action: sign-upload
                """.formatted(saas.toString().replaceAll("/$", ""), token.library(), token.label(),
                token.pin().reveal(), dir.resolve("spool"), dir.resolve("log"), ALICE), StandardCharsets.UTF_8);
        return ConfigLoader.builder().validator(ProcessTemplates::validate).build().load(file);
    }

    private static int intArg(String[] args, String name, int fallback) {
        return Integer.parseInt(stringArg(args, name, String.valueOf(fallback)));
    }

    private static String stringArg(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }
}
