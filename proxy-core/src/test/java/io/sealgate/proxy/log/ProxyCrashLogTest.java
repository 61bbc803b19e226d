package io.sealgate.proxy.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.sealgate.config.SpoolDirectory;
import io.sealgate.proxy.cli.Main;
import io.sealgate.signing.log.DeliveryStatus;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.LogLeaf;
import io.sealgate.signing.log.LogVerification;
import io.sealgate.signing.log.SignatureLog;
import io.sealgate.signing.log.StatusChange;
import io.sealgate.signing.service.SigningService;
import io.sealgate.signing.service.SigningServiceSettings;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the embedded (file) signature log: {@code sealgate serve} in a child JVM signs uploads from 20
 * clients and is killed with SIGKILL in the middle; restarted on the same token and log directory it opens the log
 * (repairing a torn last record, if the kill left one), and what the log says matches what the clients and the
 * upstream saw (docs/signature-log.md, "Crash safety").
 */
class ProxyCrashLogTest {

    private static final int CLIENTS = 20;
    private static final int SUCCESSES_BEFORE_KILL = 30;

    @TempDir
    Path dir;

    private LoggingProxySetup setup;
    private Process proxy;

    @BeforeEach
    void setUp() throws Exception {
        setup = new LoggingProxySetup(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (proxy != null && proxy.isAlive()) {
            proxy.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (setup != null) {
            setup.close();
        }
    }

    @Test
    void killedProxyRestartsOnAnIntactLogThatAccountsForEveryDeliveredSignature() throws Exception {
        String logSection = LoggingProxySetup.fileLog(dir.resolve("log"));
        int port = LoggingProxySetup.freePort();
        proxy = startServe(setup.writeConfig("first", port, logSection), port, "first");
        URI base = URI.create("http://127.0.0.1:" + port);

        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        List<String> attempted = java.util.Collections.synchronizedList(new ArrayList<>());
        List<String> otherAnswers = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch enough = new CountDownLatch(SUCCESSES_BEFORE_KILL);
        AtomicBoolean stop = new AtomicBoolean();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                for (int n = 0; !stop.get(); n++) {
                    String name = "crash-" + client + "-" + n + ".pdf";
                    attempted.add(name);
                    try {
                        HttpResponse<String> r = LoggingProxySetup.put(base, name,
                                LoggingProxySetup.pdf(client + "-" + n));
                        if (r.statusCode() / 100 == 2) {
                            acknowledged.put(name, LoggingProxySetup.logIndex(r));
                            enough.countDown();
                        } else {
                            otherAnswers.add(r.statusCode() + " " + r.body());
                        }
                    } catch (IOException | InterruptedException e) {
                        return; // the proxy is gone
                    }
                }
            }, "crash-client-" + c);
            thread.start();
            clients.add(thread);
        }
        assertThat(enough.await(300, TimeUnit.SECONDS)).as("%d uploads signed before the kill",
                SUCCESSES_BEFORE_KILL).isTrue();
        proxy.destroyForcibly();  // SIGKILL: no shutdown hook, no flush, requests in every stage
        assertThat(proxy.waitFor(60, TimeUnit.SECONDS)).isTrue();
        stop.set(true);
        for (Thread t : clients) {
            t.join(TimeUnit.SECONDS.toMillis(180));
        }
        assertThat(otherAnswers).as("non-2xx answers before the kill").isEmpty();
        Map<String, Long> acknowledgedBeforeRestart = new HashMap<>(acknowledged);
        List<String> leftovers = spoolFiles().stream().filter(f -> !f.equals(SpoolDirectory.LOCK_FILE)).toList();

        int port2 = LoggingProxySetup.freePort();
        Path second = setup.writeConfig("second", port2, logSection);
        proxy = startServe(second, port2, "second");
        HttpResponse<String> after = LoggingProxySetup.put(URI.create("http://127.0.0.1:" + port2), "after.pdf",
                LoggingProxySetup.pdf("after"));
        assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
        long afterIndex = LoggingProxySetup.logIndex(after);
        proxy.destroy();  // SIGTERM: a graceful stop, so that this JVM may open the log
        assertThat(proxy.waitFor(60, TimeUnit.SECONDS)).isTrue();

        try (SigningService service = SigningService.open(SigningServiceSettings.from(
                LoggingProxySetup.load(second)))) {
            SignatureLog log = service.log();
            LogVerification verification = log.verify();
            assertThat(verification.problems()).isEmpty();
            List<LogLeaf> leaves = log.entries(0, log.size());
            Map<Long, DeliveryStatus> status = effectiveStatus(leaves);

            // Every 2xx a client got names an entry for exactly the document the upstream holds.
            acknowledged.put("after.pdf", afterIndex);
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                LogLeaf leaf = leaves.get(Math.toIntExact(ack.getValue()));
                assertThat(leaf).as("entry %d of %s", ack.getValue(), ack.getKey()).isInstanceOf(LogEntry.class);
                LogEntry entry = (LogEntry) leaf;
                assertThat(entry.documentName()).isEqualTo(ack.getKey());
                assertThat(setup.storedSha256(ack.getKey())).contains(entry.documentSha256After());
                assertThat(status.get(ack.getValue())).as("status of %s", ack.getKey())
                        .isIn(DeliveryStatus.DELIVERED, DeliveryStatus.PENDING);
            }
            // Every signed document the upstream holds has its entry: nothing was forwarded before it was logged.
            Map<String, LogEntry> byDocumentHash = new HashMap<>();
            leaves.stream().filter(LogEntry.class::isInstance).map(LogEntry.class::cast)
                    .forEach(e -> byDocumentHash.put(e.documentSha256After(), e));
            int stored = 0;
            for (String name : attempted) {
                var sha = setup.storedSha256(name);
                if (sha.isPresent()) {
                    stored++;
                    assertThat(byDocumentHash).as("entry for the stored %s", name).containsKey(sha.get());
                    assertThat(byDocumentHash.get(sha.get()).documentName()).isEqualTo(name);
                }
            }
            // Every entry marked DELIVERED is a document the upstream holds; PENDING only for interrupted requests;
            // nothing failed upstream.
            int pending = 0;
            for (int i = 0; i < leaves.size(); i++) {
                if (leaves.get(i) instanceof LogEntry e) {
                    DeliveryStatus s = status.get((long) i);
                    assertThat(s).as("status of entry %d", i).isNotEqualTo(DeliveryStatus.UPSTREAM_FAILED);
                    if (s == DeliveryStatus.DELIVERED) {
                        assertThat(setup.storedSha256(e.documentName())).as("entry %d", i)
                                .contains(e.documentSha256After());
                    } else {
                        pending++;
                        assertThat(e.documentName()).as("PENDING entry %d", i).isNotEqualTo("after.pdf");
                    }
                }
            }
            // the restart removed what the crash left in the spool directory; its own files went after use, and its
            // lock file when it stopped
            assertThat(leftovers).as("spool files the kill left").isNotEmpty();
            assertThat(spoolFiles()).as("spool files after the restart").isEmpty();
            System.out.printf("crash test: %d acknowledged before the kill, %d documents stored, %d entries PENDING,"
                    + " %d leaves, %d spool files left by the kill%n", acknowledgedBeforeRestart.size(), stored,
                    pending, leaves.size(), leftovers.size());
            // at most one request per client was in flight when the proxy was killed
            assertThat(pending).as("entries left PENDING by the kill").isLessThanOrEqualTo(CLIENTS);
            assertThat(status.get(afterIndex)).isEqualTo(DeliveryStatus.DELIVERED);
            assertThat(stored).isGreaterThanOrEqualTo(acknowledgedBeforeRestart.size());
        }
    }

    /** The effective delivery status of each signature entry: its own, or its last status leaf's. */
    private List<String> spoolFiles() throws IOException {
        try (var files = Files.list(dir.resolve("spool"))) {
            return files.map(f -> f.getFileName().toString()).toList();
        }
    }

    private static Map<Long, DeliveryStatus> effectiveStatus(List<LogLeaf> leaves) {
        Map<Long, DeliveryStatus> status = new HashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            if (leaves.get(i) instanceof LogEntry e) {
                status.put((long) i, e.delivery());
            } else if (leaves.get(i) instanceof StatusChange s) {
                status.put(s.entryIndex(), s.status());
            }
        }
        return status;
    }

    /**
     * {@code java --add-opens ... -cp <test classpath> Main serve --config FILE} (the opening sealgate.jar's manifest
     * gives; SOFTHSM2_CONF is inherited), waiting until {@code /.sealgate/health} answers.
     */
    private Process startServe(Path config, int port, String name) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = dir.resolve(name + ".out");
        Process process = new ProcessBuilder(java.toString(), "--add-opens",
                "jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED", "-Dio.netty.leakDetection.level=simple",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--config",
                config.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        URI health = URI.create("http://127.0.0.1:" + port + "/.sealgate/health");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError("sealgate serve exited with " + process.exitValue() + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            try {
                if (LoggingProxySetup.get(health).statusCode() == 200) {
                    return process;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        process.destroyForcibly();
        throw new AssertionError("sealgate serve did not answer on port " + port + " within 120 s:\n"
                + Files.readString(output, StandardCharsets.UTF_8));
    }
}
