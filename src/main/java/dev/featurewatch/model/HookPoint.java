package dev.featurewatch.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A place in the forward pass where a {@link Hook} can read or replace the activation, named as
 * TransformerLens names it (SAELens SAEs record the hook they were trained on by this name).
 *
 * @param kind what the activation is
 * @param layer the block index; 0 for {@link Kind#LN_FINAL}
 */
public record HookPoint(Kind kind, int layer) {

  /** Activations a hook can see, each of shape [tokens, d_model]. */
  public enum Kind {
    /** Residual stream entering block L. */
    RESID_PRE("hook_resid_pre"),
    /** Attention output of block L, after any post-attention norm, before it is added. */
    ATTN_OUT("hook_attn_out"),
    /** Residual stream between attention and MLP of block L. */
    RESID_MID("hook_resid_mid"),
    /** MLP output of block L, after any post-MLP norm, before it is added. */
    MLP_OUT("hook_mlp_out"),
    /** Residual stream leaving block L. */
    RESID_POST("hook_resid_post"),
    /** The final norm's output, just before the unembedding. */
    LN_FINAL("hook_normalized");

    private final String suffix;

    Kind(String suffix) {
      this.suffix = suffix;
    }
  }

  private static final Pattern BLOCK = Pattern.compile("blocks\\.(\\d{1,4})\\.(hook_\\w+)");

  public HookPoint {
    if (layer < 0) {
      throw new IllegalArgumentException("layer must be >= 0, got " + layer);
    }
  }

  /** {@code blocks.L.hook_resid_post}. */
  public static HookPoint residPost(int layer) {
    return new HookPoint(Kind.RESID_POST, layer);
  }

  /** {@code blocks.L.hook_resid_pre}. */
  public static HookPoint residPre(int layer) {
    return new HookPoint(Kind.RESID_PRE, layer);
  }

  /** {@code ln_final.hook_normalized}. */
  public static HookPoint lnFinal() {
    return new HookPoint(Kind.LN_FINAL, 0);
  }

  /**
   * Parses a TransformerLens hook name.
   *
   * @throws IllegalArgumentException naming the supported hooks if the name is not one of them
   */
  public static HookPoint parse(String name) {
    if (name.equals("ln_final.hook_normalized")) {
      return lnFinal();
    }
    Matcher m = BLOCK.matcher(name);
    if (m.matches()) {
      for (Kind kind : Kind.values()) {
        if (kind != Kind.LN_FINAL && kind.suffix.equals(m.group(2))) {
          return new HookPoint(kind, Integer.parseInt(m.group(1)));
        }
      }
    }
    throw new IllegalArgumentException("unknown hook '" + name + "'; supported: blocks.{L}.hook_resid_pre, "
        + "blocks.{L}.hook_attn_out, blocks.{L}.hook_resid_mid, blocks.{L}.hook_mlp_out, "
        + "blocks.{L}.hook_resid_post, ln_final.hook_normalized");
  }

  /** The TransformerLens name. */
  public String name() {
    return kind == Kind.LN_FINAL ? "ln_final.hook_normalized" : "blocks." + layer + "." + kind.suffix;
  }

  @Override
  public String toString() {
    return name();
  }
}
