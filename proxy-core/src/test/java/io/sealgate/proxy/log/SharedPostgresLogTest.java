package io.sealgate.proxy.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sealgate.config.SealgateConfig;
import io.sealgate.fixtures.postgres.LocalPostgres;
import io.sealgate.proxy.SealgateServer;
import io.sealgate.proxy.cli.Main;
import io.sealgate.proxy.cli.StopSignal;
import io.sealgate.signing.log.DeliveryStatus;
import io.sealgate.signing.log.LogEntry;
import io.sealgate.signing.log.LogLeaf;
import io.sealgate.signing.log.StatusChange;
import io.sealgate.signing.service.SigningService;
import io.sealgate.signing.service.SigningServiceSettings;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two proxies on one token sharing one PostgreSQL signature log ({@code log.store: postgres}), signing uploads at
 * the same time: one dense log with every signature exactly once, each response's log index naming its own entry and
 * the index each stored document embeds. Every signature reserves its index in the database, so no upload is
 * discarded because the other proxy appended meanwhile: every upload succeeds the first time.
 */
class SharedPostgresLogTest {

    private static final int CLIENTS_PER_PROXY = 4;
    private static final int UPLOADS_PER_CLIENT = 6;

    @TempDir
    Path dir;

    private LocalPostgres postgres;
    private LoggingProxySetup setup;
    private final List<SealgateServer> servers = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        assumeThat(LocalPostgres.unavailableReason()).as("PostgreSQL needed by this test").isEmpty();
        postgres = LocalPostgres.start();
        setup = new LoggingProxySetup(dir);
    }

    @AfterEach
    void tearDown() {
        servers.forEach(SealgateServer::close);
        if (setup != null) {
            setup.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void twoProxiesSigningAtOnceKeepOneDenseLogWithEverySignatureOnce() throws Exception {
        String log = LoggingProxySetup.postgresLog(postgres.jdbcUrl(), LocalPostgres.USER);
        Path configFile = null;
        SealgateConfig config = null;
        for (String name : List.of("shared-a", "shared-b")) {
            // one spool directory each: an instance claims its own
            configFile = setup.writeConfig(name, 0, log, "B-T", dir.resolve("spool-" + name));
            config = LoggingProxySetup.load(configFile);
            servers.add(SealgateServer.start(config));
        }

        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(2 * CLIENTS_PER_PROXY);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int p = 0; p < 2; p++) {
                URI base = URI.create("http://127.0.0.1:" + servers.get(p).boundAddresses().get(0).getPort());
                for (int c = 0; c < CLIENTS_PER_PROXY; c++) {
                    String prefix = "shared-" + p + "-" + c + "-";
                    done.add(clients.submit(() -> {
                        for (int n = 0; n < UPLOADS_PER_CLIENT; n++) {
                            String name = prefix + n + ".pdf";
                            HttpResponse<String> r = LoggingProxySetup.put(base, name, LoggingProxySetup.pdf(name));
                            assertThat(r.statusCode()).as("%s: %s", name, r.body()).isEqualTo(201);
                            acknowledged.put(name, LoggingProxySetup.logIndex(r));
                        }
                        return null;
                    }));
                }
            }
            for (Future<?> f : done) {
                f.get(600, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }

        try (SigningService service = SigningService.open(SigningServiceSettings.from(config))) {
            // the proxies record each delivery after answering: wait (at most 30 s) for the last status leaves
            long expectedLeaves = 2L * acknowledged.size();
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (service.log().size() < expectedLeaves && System.nanoTime() < giveUp) {
                Thread.sleep(100);
            }
            long size = service.log().size();
            List<LogLeaf> leaves = service.log().entries(0, size);
            assertThat(leaves).hasSize(Math.toIntExact(size));
            Map<Long, DeliveryStatus> status = new HashMap<>();
            Set<String> signatureValues = new HashSet<>();
            int entries = 0;
            for (int i = 0; i < leaves.size(); i++) {
                if (leaves.get(i) instanceof LogEntry e) {
                    entries++;
                    status.put((long) i, e.delivery());
                    assertThat(signatureValues.add(e.signatureValueSha256())).as("entry %d appears once", i).isTrue();
                } else if (leaves.get(i) instanceof StatusChange s) {
                    assertThat(status.put(s.entryIndex(), s.status())).as("status leaf %d", i)
                            .isEqualTo(DeliveryStatus.PENDING);
                }
            }
            assertThat(acknowledged).hasSize(2 * CLIENTS_PER_PROXY * UPLOADS_PER_CLIENT);
            for (Map.Entry<String, Long> ack : acknowledged.entrySet()) {
                LogEntry entry = (LogEntry) leaves.get(Math.toIntExact(ack.getValue()));
                assertThat(entry.documentName()).isEqualTo(ack.getKey());
                assertThat(setup.storedSha256(ack.getKey())).contains(entry.documentSha256After());
                assertThat(LoggingProxySetup.embeddedLogIndex(setup.stored(ack.getKey())))
                        .as("the log index %s embeds", ack.getKey()).isEqualTo(ack.getValue());
                assertThat(status.get(ack.getValue())).isEqualTo(DeliveryStatus.DELIVERED);
            }
            // nothing discarded: one entry per upload, each delivered, and a status leaf for each
            assertThat(entries).isEqualTo(acknowledged.size());
            assertThat(status.values()).containsOnly(DeliveryStatus.DELIVERED);
            assertThat(leaves).hasSize(2 * acknowledged.size());
            assertThat(service.log().latestTreeHead().treeSize()).isEqualTo(size);
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.run(new String[] {"log", "verify", "--config", configFile.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true), new StopSignal());
        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("the signature log verifies: ");
    }

}
