package dev.featurewatch.model;

import ai.djl.ndarray.NDArray;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The hooks of one request: an immutable map from {@link HookPoint} to the hooks to run there, in
 * the order they were added. Looking up a point without hooks is one array read, so a pass
 * without hooks pays nothing for the hook points it crosses.
 */
public final class Hooks {
  private static final Hooks NONE = new Hooks(new EnumMap<>(HookPoint.Kind.class));

  private final Map<HookPoint.Kind, Hook[][]> byKind;
  private final int maxLayer;

  private Hooks(Map<HookPoint.Kind, Hook[][]> byKind) {
    this.byKind = byKind;
    int max = -1;
    for (Map.Entry<HookPoint.Kind, Hook[][]> e : byKind.entrySet()) {
      if (e.getKey() != HookPoint.Kind.LN_FINAL) {
        Hook[][] layers = e.getValue();
        for (int i = layers.length - 1; i >= 0; i--) {
          if (layers[i] != null) {
            max = Math.max(max, i);
            break;
          }
        }
      }
    }
    this.maxLayer = max;
  }

  /** No hooks. */
  public static Hooks none() {
    return NONE;
  }

  /** A builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether any hook is registered. */
  public boolean isEmpty() {
    return byKind.isEmpty();
  }

  /** Highest block index any hook names, or -1; the model checks it against its depth. */
  public int maxLayer() {
    return maxLayer;
  }

  /** Runs the hooks at {@code point} in order; returns {@code activation} unchanged if there are none. */
  public NDArray run(HookPoint.Kind kind, int layer, NDArray activation, HookContext context) {
    Hook[][] layers = byKind.get(kind);
    if (layers == null || layer >= layers.length || layers[layer] == null) {
      return activation;
    }
    HookPoint point = new HookPoint(kind, layer);
    NDArray current = activation;
    for (Hook hook : layers[layer]) {
      NDArray next = hook.apply(point, current, context);
      if (next == null || !next.getShape().equals(current.getShape())) {
        throw new IllegalStateException("hook at " + point + " returned " + (next == null ? "null" : "shape " + next.getShape())
            + "; it must return an activation of shape " + current.getShape());
      }
      current = next;
    }
    return current;
  }

  /** The hooks at a point in order, or null when there are none (shared array, do not modify). */
  Hook[] at(HookPoint.Kind kind, int layer) {
    Hook[][] layers = byKind.get(kind);
    return layers == null || layer >= layers.length ? null : layers[layer];
  }

  /** Whether any hook is registered at this point. */
  public boolean has(HookPoint.Kind kind, int layer) {
    Hook[][] layers = byKind.get(kind);
    return layers != null && layer < layers.length && layers[layer] != null;
  }

  /** Collects hooks; the same point may take several, run in the order added. */
  public static final class Builder {
    private final Map<HookPoint, List<Hook>> hooks = new java.util.LinkedHashMap<>();

    /** Adds a hook at a point. */
    public Builder add(HookPoint point, Hook hook) {
      hooks.computeIfAbsent(point, p -> new ArrayList<>()).add(hook);
      return this;
    }

    /** Adds a hook at a point given by its TransformerLens name. */
    public Builder add(String hookName, Hook hook) {
      return add(HookPoint.parse(hookName), hook);
    }

    /** Adds every hook of {@code other}. */
    public Builder addAll(Hooks other) {
      other.byKind.forEach((kind, layers) -> {
        for (int layer = 0; layer < layers.length; layer++) {
          if (layers[layer] != null) {
            for (Hook h : layers[layer]) {
              add(new HookPoint(kind, layer), h);
            }
          }
        }
      });
      return this;
    }

    public Hooks build() {
      if (hooks.isEmpty()) {
        return NONE;
      }
      Map<HookPoint.Kind, Hook[][]> byKind = new EnumMap<>(HookPoint.Kind.class);
      for (Map.Entry<HookPoint, List<Hook>> e : hooks.entrySet()) {
        HookPoint p = e.getKey();
        Hook[][] layers = byKind.get(p.kind());
        if (layers == null || layers.length <= p.layer()) {
          Hook[][] grown = new Hook[p.layer() + 1][];
          if (layers != null) {
            System.arraycopy(layers, 0, grown, 0, layers.length);
          }
          layers = grown;
          byKind.put(p.kind(), layers);
        }
        layers[p.layer()] = e.getValue().toArray(new Hook[0]);
      }
      return new Hooks(byKind);
    }
  }
}
