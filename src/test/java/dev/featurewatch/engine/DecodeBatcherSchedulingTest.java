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
  static final class PassRecorder implements BatchableHook {
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
}
