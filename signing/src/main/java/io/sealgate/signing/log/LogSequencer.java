package io.sealgate.signing.log;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Integrates tree heads in the background, on a fixed period, for what appends alone leave behind: entries that no
 * head covers yet (with {@link SignatureLog.Options#treeHeadEveryAppends} above 1, or after a head could not be
 * signed), and, with a {@link PostgresLogStore}, reservations of a crashed instance, which hold back every head
 * until an integration voids them. Without it both would wait for the next append, however long the log stays idle.
 *
 * <p>Each tick is {@link SignatureLog#signTreeHead()}: it does nothing when the latest head covers every stored
 * entry. A failing tick (the token or the database briefly unavailable) is logged and retried at the next one.
 */
public final class LogSequencer implements AutoCloseable {
    private static final Logger logger = LoggerFactory.getLogger(LogSequencer.class);

    private final SignatureLog log;
    private final ScheduledExecutorService executor;

    private LogSequencer(SignatureLog log, ScheduledExecutorService executor) {
        this.log = log;
        this.executor = executor;
    }

    /** Starts integrating every {@code period} (at least one millisecond), the first time one period from now. */
    public static LogSequencer start(SignatureLog log, Duration period) {
        Objects.requireNonNull(log, "log");
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("period: " + period + " (expected: > 0)");
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "sealgate-log-sequencer");
            thread.setDaemon(true);
            return thread;
        });
        LogSequencer sequencer = new LogSequencer(log, executor);
        long millis = Math.max(1, period.toMillis());
        executor.scheduleWithFixedDelay(sequencer::tick, millis, millis, TimeUnit.MILLISECONDS);
        return sequencer;
    }

    private void tick() {
        try {
            log.signTreeHead();
        } catch (LogException | RuntimeException e) {
            logger.warn("Signature log: cannot integrate a tree head now, trying again later: {}", e.getMessage());
        }
    }

    /** Stops the ticks, waiting (a few seconds at most) for one in progress. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
