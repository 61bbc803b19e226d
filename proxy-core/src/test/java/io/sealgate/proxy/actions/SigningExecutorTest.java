package io.sealgate.proxy.actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SigningExecutorTest {

    @Test
    void taskBeyondThreadsAndQueueIsRejected() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (SigningExecutor executor = new SigningExecutor(1, 1)) {
            executor.execute(() -> {
                running.countDown();
                await(release);
            });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            executor.execute(() -> { });

            assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
            release.countDown();
        }
    }

    @Test
    void bookkeepingRunsElsewhereWhenTheQueueIsFull() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch bookkept = new CountDownLatch(1);
        try (SigningExecutor executor = new SigningExecutor(1, 1)) {
            executor.execute(() -> await(release));
            executor.execute(() -> { });

            executor.executeOrElsewhere(bookkept::countDown);

            assertThat(bookkept.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
