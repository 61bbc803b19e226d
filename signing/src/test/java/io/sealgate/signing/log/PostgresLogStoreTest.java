package io.sealgate.signing.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.sealgate.fixtures.postgres.LocalPostgres;
import io.sealgate.signing.log.LogVerification.Problem;
import io.sealgate.signing.testing.SoftwareSigningKey;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
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
