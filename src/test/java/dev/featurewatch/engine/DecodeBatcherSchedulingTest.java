package dev.featurewatch.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import dev.featurewatch.model.BatchableHook;
import dev.featurewatch.model.GradientMode;
import dev.featurewatch.model.HookContext;
import dev.featurewatch.model.HookPoint;
import dev.featurewatch.model.Hooks;
import dev.featurewatch.model.InferenceSession;
import dev.featurewatch.model.Transformer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Which thread runs a step and how steps are grouped: a lone stream alone, concurrent ones together. */
class DecodeBatcherSchedulingTest {
  static Transformer model;

  /** Records the thread and the rows of each pass it is part of; reads only. */
  static class PassRecorder implements BatchableHook {
    final Set<String> threads = ConcurrentHashMap.newKeySet();
    final AtomicInteger widestPass = new AtomicInteger();

    @Override
    public NDArray apply(HookPoint point, NDArray x, HookContext context) {
      threads.add(Thread.currentThread().getName());
      widestPass.accumulateAndGet(1, Math::max);
      return x;
    }

    @Override
    public Object batchKey() {
      return PassRecorder.class;
    }

    @Override
    public NDArray applyTogether(List<BatchableHook> hooks, HookPoint point, NDArray rows, HookContext[] contexts) {
      for (BatchableHook h : hooks) {
        PassRecorder r = (PassRecorder) h;
        r.threads.add(Thread.currentThread().getName());
        r.widestPass.accumulateAndGet(hooks.size(), Math::max);
      }
      return rows;
    }
  }

  @BeforeAll
  static void load() {
    model = Transformer.load(Path.of("organism/model"));
  }

  @AfterAll
  static void close() {
    model.close();
  }

  static Hooks hooks(PassRecorder recorder) {
    return Hooks.builder().add("blocks.1.hook_resid_post", recorder).build();
  }

  /** Decodes {@code steps} tokens of one session through the batcher, then leaves. */
  static void decode(DecodeBatcher batcher, PassRecorder recorder, int steps) {
    GradientMode.disableOnThisThread();
    try (InferenceSession session = model.newSession()) {
      session.forward(new int[] {1, 5, 9}, Hooks.none());
      try {
        for (int i = 0; i < steps; i++) {
          batcher.decode(session, 10 + i, hooks(recorder));
        }
      } finally {
        batcher.leave(session);
      }
    }
  }

  @Test
  void aLoneGenerationDecodesOnItsOwnThread() {
    try (DecodeBatcher batcher = new DecodeBatcher(8)) {
      PassRecorder recorder = new PassRecorder();
      AtomicReference<String> caller = new AtomicReference<>(Thread.currentThread().getName());
      decode(batcher, recorder, 5);
      assertEquals(Set.of(caller.get()), recorder.threads, "no hand-off to the decode thread");
    }
  }

  @Test
  void concurrentGenerationsSharePassesEvenWhenOneLeavesEarly() throws Exception {
    int streams = 6;
    try (DecodeBatcher batcher = new DecodeBatcher(8)) {
      PassRecorder[] recorders = new PassRecorder[streams];
      ExecutorService pool = Executors.newFixedThreadPool(streams);
      CountDownLatch start = new CountDownLatch(1);
      try {
        Future<?>[] done = new Future<?>[streams];
        for (int s = 0; s < streams; s++) {
          PassRecorder r = recorders[s] = new PassRecorder();
          int steps = s == 0 ? 2 : 30; // the first leaves early: the others go on
          done[s] = pool.submit(() -> {
            start.await();
            decode(batcher, r, steps);
            return null;
          });
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdown();
      }
      int widest = 0;
      for (PassRecorder r : recorders) {
        widest = Math.max(widest, r.widestPass.get());
      }
      assertTrue(widest >= 2, "some pass ran several generations' steps together, widest " + widest);
      assertTrue(recorders[1].threads.contains("featurewatch-decode"), "batched steps run on the decode thread");
    }
  }

  /** Throws an Error from a batched pass (a JVM or native failure, not an exception), once. */
  static final class FailingOnce extends PassRecorder {
    static final java.util.concurrent.atomic.AtomicBoolean FAILED = new java.util.concurrent.atomic.AtomicBoolean();

    @Override
    public NDArray applyTogether(List<BatchableHook> hooks, HookPoint point, NDArray rows, HookContext[] contexts) {
      if (FAILED.compareAndSet(false, true)) {
        throw new StackOverflowError("injected");
      }
      return super.applyTogether(hooks, point, rows, contexts);
    }
  }

  @Test
  void anErrorInABatchedPassFailsItsStepsAndTheDecodeThreadGoesOn() throws Exception {
    try (DecodeBatcher batcher = new DecodeBatcher(8)) {
      ExecutorService pool = Executors.newFixedThreadPool(2);
      CountDownLatch start = new CountDownLatch(1);
      AtomicInteger failed = new AtomicInteger();
      try {
        Future<?>[] done = new Future<?>[2];
        for (int s = 0; s < 2; s++) {
          done[s] = pool.submit(() -> {
            start.await();
            try {
              decode(batcher, new FailingOnce(), 20);
            } catch (RuntimeException e) {
              assertTrue(e.getCause() instanceof StackOverflowError, e.toString());
              failed.incrementAndGet();
            }
            return null;
          });
        }
        start.countDown();
        for (Future<?> f : done) {
          f.get(60, java.util.concurrent.TimeUnit.SECONDS); // a lost wake-up would hang here
        }
      } finally {
        pool.shutdown();
      }
      assertTrue(FailingOnce.FAILED.get(), "the Error was thrown in a batched pass");
      assertTrue(failed.get() >= 1, "the steps of that pass failed");
      // The decode thread lives on: two generations again share passes, and finish.
      ExecutorService again = Executors.newSingleThreadExecutor();
      try {
        PassRecorder other = new PassRecorder();
        Future<?> second = again.submit(() -> decode(batcher, other, 20));
        decode(batcher, new PassRecorder(), 20);
        second.get(60, java.util.concurrent.TimeUnit.SECONDS); // a dead decode thread would hang here
      } finally {
        again.shutdown();
      }
    }
  }
}
