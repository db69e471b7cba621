package dev.featurewatch.model;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.spy;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Fault injection for tests: the real model, except that the sequences whose prompt is marked fail
 * from their n-th pass on (a prompt is pass 1), in a pass of their own or in a batched decode
 * step, as a device fault confined to one request would. Every other pass is the real one.
 */
public final class ModelFaults {
  private ModelFaults() {}

  public static Transformer failingFor(Transformer model, Predicate<int[]> markedPrompt, int failFromPass,
      Supplier<RuntimeException> fault) {
    Transformer faulty = spy(model);
    Map<KvCache, AtomicInteger> marked = Collections.synchronizedMap(new IdentityHashMap<>()); // passes so far
    doAnswer(call -> {
      KvCache cache = call.getArgument(1);
      if (cache.length() == 0 && markedPrompt.test(call.getArgument(2))) {
        marked.put(cache, new AtomicInteger());
      }
      failIfDue(marked.get(cache), failFromPass, fault);
      return call.callRealMethod();
    }).when(faulty).forward(any(), any(), any(), any(), anyBoolean());
    doAnswer(call -> {
      for (KvCache cache : (KvCache[]) call.getArgument(1)) {
        failIfDue(marked.get(cache), failFromPass, fault);
      }
      return call.callRealMethod();
    }).when(faulty).decodeStep(any(), any(), any(), any());
    return faulty;
  }

  private static void failIfDue(AtomicInteger passes, int failFromPass, Supplier<RuntimeException> fault) {
    if (passes != null && passes.incrementAndGet() >= failFromPass) {
      throw fault.get();
    }
  }
}
