package io.sealgate.proxy.actions;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The bounded executor for everything an action must not do on an event loop: PKCS#11, PDF parsing, spool file
 * reads and writes, signature log appends. {@code signing.threads} threads and a queue of {@code signing.queue}
 * tasks; when the queue is full {@link #execute} throws {@link RejectedExecutionException}, which the actions answer
 * with 503 and {@code Retry-After}.
 */
public final class SigningExecutor implements Executor, AutoCloseable {

    private final ThreadPoolExecutor pool;

    public SigningExecutor(int threads, int queue) {
        this.pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                new DefaultThreadFactory("sealgate-signing", true), new ThreadPoolExecutor.AbortPolicy());
    }

    @Override
    public void execute(Runnable task) {
        pool.execute(task);
    }

    /**
     * An executor that never refuses, for the file reads of a request whose document is already signed: admission
     * control happened when the request was let in, and refusing now would throw a signature away (502 after
     * signing) instead of delivering it.
     */
    Executor admitted() {
        return this::executeOrElsewhere;
    }

    /** Runs {@code task} here when there is room, else on a common pool thread: for bookkeeping that must happen. */
    void executeOrElsewhere(Runnable task) {
        try {
            pool.execute(task);
        } catch (RejectedExecutionException e) {
            java.util.concurrent.ForkJoinPool.commonPool().execute(task);
        }
    }

    /** Stops taking tasks and waits briefly for running ones (in-flight requests were drained before). */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(10, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
