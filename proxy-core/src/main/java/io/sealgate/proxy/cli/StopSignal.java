package io.sealgate.proxy.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a long-running command ({@code serve}, {@code proxy}, {@code demo}) learns that it should stop, and how
 * whoever asked learns that it has. In the real process the request comes from a JVM shutdown hook (Ctrl-C,
 * SIGTERM) that then waits for the command's graceful close; tests call {@link #requestStop()} themselves.
 */
public final class StopSignal {
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch stopped = new CountDownLatch(1);

    /**
     * A signal raised by Ctrl-C or SIGTERM. The shutdown hook waits up to {@code maxWait} for the command to finish
     * closing, because the JVM halts as soon as its hooks return.
     */
    public static StopSignal onJvmShutdown(Duration maxWait) {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signal.requestStop();
            signal.awaitStopped(maxWait);
        }, "sealgate-shutdown"));
        return signal;
    }

    /** Asks the running command to stop; idempotent. */
    public void requestStop() {
        stopRequested.countDown();
    }

    /** Blocks until a stop is requested. */
    public void awaitStopRequest() throws InterruptedException {
        stopRequested.await();
    }

    /** Called once the command has returned, whether it ran until stopped or failed early. */
    void markStopped() {
        stopped.countDown();
    }

    /** Waits up to {@code maxWait} for the command to have returned; true when it has. */
    public boolean awaitStopped(Duration maxWait) {
        try {
            return stopped.await(maxWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
