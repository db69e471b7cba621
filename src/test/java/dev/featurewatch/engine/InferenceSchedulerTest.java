package dev.featurewatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class InferenceSchedulerTest {

  @Test
  void aFullQueueRefusesAtOnceWithARetryTime() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch running = new CountDownLatch(1);
    try (InferenceScheduler scheduler = new InferenceScheduler(1, 1)) {
      CompletableFuture<Integer> first = scheduler.submit(() -> {
        running.countDown();
        release.await();
        return 1;
      });
      assertTrue(running.await(5, TimeUnit.SECONDS));
      CompletableFuture<Integer> queued = scheduler.submit(() -> 2);
      assertEquals(1, scheduler.queued());
      assertEquals(1, scheduler.running());
      QueueFullException refused = assertThrows(QueueFullException.class, () -> scheduler.submit(() -> 3));
      assertTrue(refused.retryAfterSeconds() >= 1);
      release.countDown();
      assertEquals(1, first.get(5, TimeUnit.SECONDS));
      assertEquals(2, queued.get(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void shutdownFinishesWhatIsRunningAndQueuedButAdmitsNothingNew() throws Exception {
    InferenceScheduler scheduler = new InferenceScheduler(1, 4);
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<String> slow = scheduler.submit(() -> {
      started.countDown();
      Thread.sleep(300);
      return "done";
    });
    CompletableFuture<String> queued = scheduler.submit(() -> "queued too");
    assertTrue(started.await(5, TimeUnit.SECONDS));
    assertTrue(scheduler.shutdown(Duration.ofSeconds(5)));
    assertEquals("done", slow.getNow(null));
    assertEquals("queued too", queued.getNow(null));
    assertThrows(QueueFullException.class, () -> scheduler.submit(() -> "late"));
  }

  @Test
  void aFailingTaskFailsOnlyItsOwnFuture() throws Exception {
    try (InferenceScheduler scheduler = new InferenceScheduler(1, 2)) {
      CompletableFuture<Object> bad = scheduler.submit(() -> {
        throw new IllegalStateException("the model broke");
      });
      CompletableFuture<String> good = scheduler.submit(() -> "fine");
      assertEquals("fine", good.get(5, TimeUnit.SECONDS));
      assertTrue(bad.isCompletedExceptionally());
    }
  }
}
