package io.sealgate.signing.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sealgate.fixtures.postgres.LocalPostgres;
import io.sealgate.signing.log.LogVerification.Problem;
import io.sealgate.signing.testing.SoftwareSigningKey;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link PostgresLogStore} on a real PostgreSQL server started for this class ({@link LocalPostgres}). */
class PostgresLogStoreTest {
    private static final SoftwareSigningKey key = SoftwareSigningKey.generate("sealgate-log");
    private static final AtomicInteger databases = new AtomicInteger();
    private static LocalPostgres postgres;
    private String url;

    @BeforeAll
    static void startPostgres() throws Exception {
        if (LocalPostgres.unavailableReason().isEmpty()) {
            postgres = LocalPostgres.start();
        }
    }

    @AfterAll
    static void stopPostgres() {
        if (postgres != null) {
            postgres.close();
        }
    }

    @BeforeEach
    void createDatabase() throws Exception {
        // Per test rather than in @BeforeAll, so that every skipped test shows the reason.
        assumeThat(LocalPostgres.unavailableReason()).as("PostgreSQL needed by this test").isEmpty();
        String name = "log" + databases.incrementAndGet();
        sql("CREATE DATABASE " + name);
        url = postgres.jdbcUrl().replace("/postgres", "/" + name);
    }

    @Test
    void twoInstancesAppendingConcurrentlyStoreEveryEntryExactlyOnceAndTheTreeVerifies() throws Exception {
        int perInstance = 60;
        try (SignatureLog first = open(); SignatureLog second = open()) {
            ExecutorService executor = Executors.newFixedThreadPool(2);
            try {
                Future<List<Long>> a = executor.submit(appender(first, 0, perInstance));
                Future<List<Long>> b = executor.submit(appender(second, perInstance, perInstance));
                Set<Long> indexes = new HashSet<>(a.get());
                indexes.addAll(b.get());
                assertThat(indexes).hasSize(2 * perInstance).allMatch(i -> i >= 0 && i < 2 * perInstance);
            } finally {
                executor.shutdownNow();
            }
            List<String> requestIds = first.entries(0, 2 * perInstance).stream().map(LogLeaf::requestId).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 2 * perInstance; i++) {
                expected.add("req-" + i);
            }
            assertThat(requestIds).containsExactlyInAnyOrderElementsOf(expected);

            SignedTreeHead head = second.signTreeHead();
            assertThat(head.treeSize()).isEqualTo(2 * perInstance);
            assertThat(first.latestTreeHead()).isEqualTo(head);
            // An instance proves entries the other one appended, against the head either signed.
            assertThat(first.inclusionProof(7, head.treeSize()).verify(head.rootHash())).isTrue();
            assertThat(first.consistencyProof(5, head.treeSize()).verify(second.rootHash(5), head.rootHash()))
                    .isTrue();
            LogVerification verification = first.verify();
            assertThat(verification.problems()).isEmpty();
            assertThat(verification.entries()).isEqualTo(2 * perInstance);
            assertThat(second.verify().ok()).isTrue();
        }
    }

    @Test
    void logSurvivesReopeningWithTheSchemaInPlace() throws Exception {
        byte[] root;
        try (SignatureLog log = open()) {
            for (int i = 0; i < 5; i++) {
                log.append(LogFixtures.entry(i));
            }
            root = log.latestTreeHead().rootHash();
        }
        try (SignatureLog log = open()) {
            assertThat(log.size()).isEqualTo(5);
            assertThat(log.latestTreeHead().rootHash()).isEqualTo(root);
            assertThat(log.append(LogFixtures.entry(5))).isEqualTo(5);
            assertThat(log.verify()).isEqualTo(new LogVerification(6, 7, List.of()));
        }
    }

    @Test
    void deletedRowIsNamedByVerify() throws Exception {
        try (SignatureLog log = open()) {
            for (int i = 0; i < 8; i++) {
                log.append(LogFixtures.entry(i));
            }
            sqlIn(url, "DELETE FROM sealgate_log_leaves WHERE leaf_index = 5");
            assertThat(log.verify().problems()).containsExactly(new Problem(OptionalLong.of(5), OptionalLong.empty(),
                    "signature log " + url + " does not verify: entry 5 is missing (found entry 6 in its place)"));
        }
    }

    @Test
    void rewrittenRowIsNamedByTheTreeHeadThatSignedIt() throws Exception {
        try (SignatureLog log = open()) {
            for (int i = 0; i < 8; i++) {
                log.append(LogFixtures.entry(i));
            }
            sqlIn(url, "UPDATE sealgate_log_leaves SET leaf = convert_to(replace(convert_from(leaf, 'UTF8'),"
                    + " 'file-2.pdf', 'file-X.pdf'), 'UTF8') WHERE leaf_index = 2");
            assertThat(log.verify().problems()).extracting(Problem::entryIndex, Problem::message)
                    .contains(tuple(OptionalLong.of(2),
                            "entry 2 differs from what tree head 3 (size 3) signed"));
        }
    }

    @Test
    void reservationsOfTwoInstancesFilledOutOfOrderJoinTheTreeInIndexOrder() throws Exception {
        try (SignatureLog first = open(); SignatureLog second = open()) {
            SignatureLog.Reservation a = first.reserve("req-0");
            SignatureLog.Reservation b = second.reserve("req-1");
            assertThat(a.index()).isZero();
            assertThat(b.index()).isEqualTo(1);

            assertThat(second.fill(b, LogFixtures.entry(1))).isEqualTo(1);
            // entry 1 is stored, but index 0 is still reserved: the log and its heads end before it
            assertThat(second.size()).isZero();
            assertThat(second.latestTreeHead().treeSize()).isZero();
            assertThat(second.verify()).isEqualTo(new LogVerification(0, 1, List.of()));

            assertThat(first.fill(a, LogFixtures.entry(0))).isZero();
            assertThat(first.size()).isEqualTo(2);
            SignedTreeHead head = first.latestTreeHead();
            assertThat(head.treeSize()).isEqualTo(2);
            assertThat(second.entries(0, 2)).containsExactly(LogFixtures.entry(0), LogFixtures.entry(1));
            assertThat(second.inclusionProof(1, 2).verify(head.rootHash())).isTrue();
            assertThat(second.verify()).isEqualTo(new LogVerification(2, 2, List.of()));
        }
    }

    @Test
    void anAbandonedReservationIsFilledWithAVoidLeafAndTheEntriesAfterItAreCovered() throws Exception {
        try (SignatureLog first = open(); SignatureLog second = open()) {
            SignatureLog.Reservation abandoned = first.reserve("req-gone");
            SignatureLog.Reservation filled = second.reserve("req-1");
            second.fill(filled, LogFixtures.entry(1));
            first.abandon(abandoned, "signing failed after the index was reserved");

            assertThat(first.size()).isEqualTo(2);
            assertThat(first.latestTreeHead().treeSize()).isEqualTo(2);
            assertThat(first.entries(0, 1)).singleElement().isInstanceOfSatisfying(VoidLeaf.class, v -> {
                assertThat(v.requestId()).isEqualTo("req-gone");
                assertThat(v.reason()).isEqualTo("signing failed after the index was reserved");
            });
            assertThat(first.verify().problems()).isEmpty();
            assertThat(second.verify().problems()).isEmpty();
            // a status change may not refer to a void leaf
            assertThatThrownBy(() -> first.appendStatus(0, DeliveryStatus.DELIVERED, "req-gone", Optional.empty()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("entryIndex: 0 (expected: the index of a signature entry below 2)");
        }
    }

    @Test
    void anExpiredReservationIsVoidedByTheNextIntegrationAndItsLateFillIsRefused() throws Exception {
        try (SignatureLog slow = open();
             SignatureLog other = SignatureLog.open(PostgresLogStore.open(url, postgres.jdbcProperties(),
                     Duration.ZERO), key)) {
            SignatureLog.Reservation late = slow.reserve("req-slow");
            // the other instance integrates a head with a timeout of zero: every older reservation has expired
            assertThat(other.append(LogFixtures.entry(1))).isEqualTo(1);
            assertThat(other.latestTreeHead().treeSize()).isEqualTo(2);

            assertThatThrownBy(() -> slow.fill(late, LogFixtures.entry(0)))
                    .isInstanceOf(ReservationLostException.class)
                    .hasMessage("cannot store entry 0 in signature log " + url + ": its reservation is gone (it"
                            + " expired and an instance integrating a tree head voided the entry)");
            assertThat(slow.entries(0, 2)).satisfiesExactly(
                    v -> assertThat(v).isInstanceOfSatisfying(VoidLeaf.class, leaf -> {
                        assertThat(leaf.requestId()).isEqualTo("req-slow");
                        assertThat(leaf.reason()).isEqualTo("the reservation expired: not filled within 0 s");
                    }),
                    e -> assertThat(e).isEqualTo(LogFixtures.entry(1)));
            // nothing to abandon any more; the late abandon changes nothing
            slow.abandon(late, "signing failed after the index was reserved");
            assertThat(slow.size()).isEqualTo(2);
            // heads: size 0 at the first open, size 2 after the append
            assertThat(slow.verify()).isEqualTo(new LogVerification(2, 2, List.of()));
        }
    }

    @Test
    void theSequencerVoidsACrashedInstancesReservationWhileTheLogIsIdle() throws Exception {
        try (SignatureLog crashed = open();
             SignatureLog live = SignatureLog.open(PostgresLogStore.open(url, postgres.jdbcProperties(),
                     Duration.ofMillis(200)), key)) {
            crashed.reserve("req-crashed");
            assertThat(live.append(LogFixtures.entry(1))).isEqualTo(1);
            // the append's own head came too early to void the reservation, and the reservation holds it back
            assertThat(live.latestTreeHead().treeSize()).isZero();

            try (LogSequencer sequencer = LogSequencer.start(live, Duration.ofMillis(50))) {
                assertThat(LogSequencerTest.awaitHeadSize(live, 2)).isEqualTo(2);
            }
            assertThat(live.entries(0, 1).get(0)).isInstanceOf(VoidLeaf.class);
            assertThat(live.verify().problems()).isEmpty();
        }
    }

    @Test
    void aStatusChangeMayReferToAnEntryFilledBeyondAnOutstandingReservation() throws Exception {
        try (SignatureLog first = open(); SignatureLog second = open()) {
            SignatureLog.Reservation outstanding = first.reserve("req-0");
            SignatureLog.Reservation entry = second.reserve("req-1");
            second.fill(entry, LogFixtures.entry(1));
            assertThat(second.appendStatus(1, DeliveryStatus.DELIVERED, "req-1", Optional.empty())).isEqualTo(2);
            assertThat(second.size()).isZero();
            first.fill(outstanding, LogFixtures.entry(0));
            assertThat(first.size()).isEqualTo(3);
            assertThat(second.signTreeHead().treeSize()).isEqualTo(3);
            assertThat(second.verify().problems()).isEmpty();
        }
    }

    @Test
    void twoInstancesReservingConcurrentlyFillEveryEntryAtItsReservedIndex() throws Exception {
        int perThread = 25;
        try (SignatureLog first = open(); SignatureLog second = open()) {
            ExecutorService executor = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> runs = new ArrayList<>();
                for (SignatureLog log : List.of(first, second, first, second)) {
                    runs.add(executor.submit(() -> {
                        for (int i = 0; i < perThread; i++) {
                            SignatureLog.Reservation r = log.reserve("req");
                            // the entry names its own index, as a signature embeds it
                            log.fill(r, LogFixtures.entry((int) r.index()));
                        }
                        return perThread;
                    }));
                }
                for (Future<Integer> run : runs) {
                    run.get();
                }
            } finally {
                executor.shutdownNow();
            }
            int total = 4 * perThread;
            assertThat(first.size()).isEqualTo(total);
            List<LogLeaf> leaves = second.entries(0, total);
            for (int i = 0; i < total; i++) {
                assertThat(leaves.get(i)).isEqualTo(LogFixtures.entry(i));
            }
            assertThat(first.signTreeHead().treeSize()).isEqualTo(total);
            assertThat(second.verify().problems()).isEmpty();
        }
    }

    @Test
    void aDatabaseCreatedBeforeReservationsGetsTheirTable() throws Exception {
        try (SignatureLog log = open()) {
            log.append(LogFixtures.entry(0));
        }
        sqlIn(url, "DROP TABLE sealgate_log_reservations");
        try (SignatureLog log = open()) {
            assertThat(log.size()).isEqualTo(1);
            SignatureLog.Reservation r = log.reserve("req-1");
            assertThat(log.fill(r, LogFixtures.entry(1))).isEqualTo(1);
            assertThat(log.verify()).isEqualTo(new LogVerification(2, 3, List.of()));
        }
    }

    private SignatureLog open() throws LogException {
        return SignatureLog.open(PostgresLogStore.open(url, postgres.jdbcProperties()), key);
    }

    private static Callable<List<Long>> appender(SignatureLog log, int first, int count) {
        return () -> {
            List<Long> indexes = new ArrayList<>();
            for (int i = first; i < first + count; i++) {
                indexes.add(log.append(LogFixtures.entry(i)));
            }
            return indexes;
        };
    }

    private static void sql(String statement) throws Exception {
        sqlIn(postgres.jdbcUrl(), statement);
    }

    private static void sqlIn(String url, String statement) throws Exception {
        try (Connection c = DriverManager.getConnection(url, postgres.jdbcProperties());
             Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }
}
