package io.sealgate.signing.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sealgate.signing.testing.SoftwareSigningKey;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link LogSequencer} over a file log that signs a head only every 100 appends. */
class LogSequencerTest {
    private static final SoftwareSigningKey key = SoftwareSigningKey.generate("sealgate-log");

    @TempDir
    Path dir;

    @Test
    void entriesNoHeadCoversAreCoveredByTheNextTickWithoutAnotherAppend() throws Exception {
        try (SignatureLog log = SignatureLog.open(FileLogStore.open(dir), key,
                new SignatureLog.Options(100, Clock.systemUTC()))) {
            for (int i = 0; i < 3; i++) {
                log.append(LogFixtures.entry(i));
            }
            assertThat(log.latestTreeHead().treeSize()).isZero();

            try (LogSequencer sequencer = LogSequencer.start(log, Duration.ofMillis(20))) {
                assertThat(awaitHeadSize(log, 3)).isEqualTo(3);
            }
            assertThat(log.verify().problems()).isEmpty();
        }
    }

    @Test
    void afterCloseNoMoreHeadsAreSigned() throws Exception {
        try (SignatureLog log = SignatureLog.open(FileLogStore.open(dir), key,
                new SignatureLog.Options(100, Clock.systemUTC()))) {
            LogSequencer sequencer = LogSequencer.start(log, Duration.ofMillis(20));
            sequencer.close();
            log.append(LogFixtures.entry(0));

            Thread.sleep(200);
            assertThat(log.latestTreeHead().treeSize()).isZero();
        }
    }

    @Test
    void aPeriodMustBePositive() throws Exception {
        try (SignatureLog log = SignatureLog.open(FileLogStore.open(dir), key)) {
            assertThatThrownBy(() -> LogSequencer.start(log, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("period: PT0S (expected: > 0)");
        }
    }

    /** Polls (up to 30 s) until the latest head covers {@code size} entries; returns the size it reached. */
    static long awaitHeadSize(SignatureLog log, long size) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long reached = log.latestTreeHead().treeSize();
        while (reached < size && System.nanoTime() < deadline) {
            Thread.sleep(10);
            reached = log.latestTreeHead().treeSize();
        }
        return reached;
    }
}
