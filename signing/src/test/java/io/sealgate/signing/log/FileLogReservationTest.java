package io.sealgate.signing.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.signing.testing.SoftwareSigningKey;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reservations in the embedded file store: one at a time, held by a permit (not a thread) from reserve to fill or
 * abandon; appends wait for it; an abandoned index is reserved again, and nothing of a reservation reaches the file.
 * Fills are made durable in groups (the next is written while one is forced), never visible before they are.
 */
class FileLogReservationTest {
    private static final SoftwareSigningKey key = SoftwareSigningKey.generate("sealgate-log");
    private static final Clock clock = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    private SignatureLog open() throws LogException {
        return SignatureLog.open(FileLogStore.open(directory), key, new SignatureLog.Options(1, clock));
    }

    @Test
    void aFilledReservationIsStoredAtItsIndexWithATreeHeadCoveringIt() throws Exception {
        try (SignatureLog log = open()) {
            log.append(LogFixtures.entry(0));
            SignatureLog.Reservation reservation = log.reserve("req-1");
            assertThat(reservation.index()).isEqualTo(1);
            assertThat(log.size()).isEqualTo(1);
            assertThat(log.fill(reservation, LogFixtures.entry(1))).isEqualTo(1);
            assertThat(log.size()).isEqualTo(2);
            assertThat(log.latestTreeHead().treeSize()).isEqualTo(2);
            assertThat(log.entries(0, 2)).containsExactly(LogFixtures.entry(0), LogFixtures.entry(1));
            assertThat(log.verify()).isEqualTo(new LogVerification(2, 3, List.of()));
        }
    }

    @Test
    void concurrentAppendsAreDurableAndUnderASignedHeadWhenTheyReturnAndSurviveAReopen() throws Exception {
        int threads = 4;
        int perThread = 50;
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        try (SignatureLog log = open()) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t * perThread;
                results.add(executor.submit(() -> {
                    List<String> problems = new ArrayList<>();
                    for (int i = first; i < first + perThread; i++) {
                        long index = log.append(LogFixtures.entry(i));
                        // what size() and the latest head show is durable: a returned entry must be in both
                        if (log.size() <= index || log.latestTreeHead().treeSize() <= index) {
                            problems.add("entry " + index + " returned before it was visible as durable");
                        }
                    }
                    return problems;
                }));
            }
            for (Future<List<String>> result : results) {
                assertThat(result.get()).isEmpty();
            }
            assertThat(log.size()).isEqualTo(threads * perThread);
        } finally {
            executor.shutdownNow();
        }
        try (SignatureLog reopened = open()) {
            assertThat(reopened.size()).isEqualTo(threads * perThread);
            assertThat(reopened.verify().problems()).isEmpty();
            assertThat(reopened.entries(0, threads * perThread)).hasSize(threads * perThread)
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void anAppendWaitsForTheOutstandingReservationAndTakesTheIndexAfterIt() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (SignatureLog log = open()) {
            SignatureLog.Reservation reservation = log.reserve("req-0");
            Future<Long> append = executor.submit(() -> log.append(LogFixtures.entry(1)));
            // Had the append not waited, it would have taken index 0 and this fill would be refused.
            assertThat(log.fill(reservation, LogFixtures.entry(0))).isZero();
            assertThat(append.get()).isEqualTo(1);
            assertThat(log.entries(0, 2)).containsExactly(LogFixtures.entry(0), LogFixtures.entry(1));
            assertThat(log.verify().ok()).isTrue();
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void aReservationMadeOnOneThreadIsFilledOnAnother() throws Exception {
        try (SignatureLog log = open()) {
            SignatureLog.Reservation reservation = CompletableFuture.supplyAsync(() -> {
                try {
                    return log.reserve("req-0");
                } catch (LogException e) {
                    throw new AssertionError(e);
                }
            }).get();
            assertThat(log.fill(reservation, LogFixtures.entry(0))).isZero();
            assertThat(log.reserve("req-1").index()).isEqualTo(1);
        }
    }

    @Test
    void anAbandonedIndexIsReservedAgainAndNothingIsWritten() throws Exception {
        try (SignatureLog log = open()) {
            log.append(LogFixtures.entry(0));
            long bytes = Files.size(directory.resolve(FileLogStore.FILE_NAME));
            SignatureLog.Reservation abandoned = log.reserve("req-gone");
            log.abandon(abandoned, "signing failed after the index was reserved");
            log.abandon(abandoned, "twice does nothing");
            assertThat(Files.size(directory.resolve(FileLogStore.FILE_NAME))).isEqualTo(bytes);
            assertThat(log.size()).isEqualTo(1);

            SignatureLog.Reservation next = log.reserve("req-1");
            assertThat(next.index()).isEqualTo(1);
            log.fill(next, LogFixtures.entry(1));
            assertThat(log.entries(0, 2)).containsExactly(LogFixtures.entry(0), LogFixtures.entry(1));
            assertThat(log.verify()).isEqualTo(new LogVerification(2, 3, List.of()));
        }
    }

    @Test
    void aReservationIsFilledOnceAndNotAfterItWasAbandoned() throws Exception {
        try (SignatureLog log = open()) {
            SignatureLog.Reservation filled = log.reserve("req-0");
            log.fill(filled, LogFixtures.entry(0));
            assertThatThrownBy(() -> log.fill(filled, LogFixtures.entry(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Reservation[0] was filled or abandoned already");
            SignatureLog.Reservation abandoned = log.reserve("req-1");
            log.abandon(abandoned, "signing failed after the index was reserved");
            assertThatThrownBy(() -> log.fill(abandoned, LogFixtures.entry(1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("Reservation[1] was filled or abandoned already");
            assertThat(log.size()).isEqualTo(1);
        }
    }

    @Test
    void aReservationOutstandingWhenTheProcessStopsLeavesNothingToRepair() throws Exception {
        try (SignatureLog log = open()) {
            log.append(LogFixtures.entry(0));
            log.reserve("req-1");
            // closed without fill or abandon, as a crash would leave it
        }
        FileLogStore store = FileLogStore.open(directory);
        assertThat(store.recovery()).isEmpty();
        try (SignatureLog log = SignatureLog.open(store, key, new SignatureLog.Options(1, clock))) {
            assertThat(log.size()).isEqualTo(1);
            assertThat(log.reserve("req-1b").index()).isEqualTo(1);
        }
    }

    @Test
    void aStatusChangeWaitsLikeAnyAppend() throws Exception {
        try (SignatureLog log = open()) {
            log.append(LogFixtures.entry(0));
            SignatureLog.Reservation reservation = log.reserve("req-1");
            CompletableFuture<Long> status = CompletableFuture.supplyAsync(() -> {
                try {
                    return log.appendStatus(0, DeliveryStatus.DELIVERED, "req-0", Optional.empty());
                } catch (LogException e) {
                    throw new AssertionError(e);
                }
            });
            log.fill(reservation, LogFixtures.entry(1));
            assertThat(status.get()).isEqualTo(2);
            assertThat(log.verify()).isEqualTo(new LogVerification(3, 4, List.of()));
        }
    }
}
