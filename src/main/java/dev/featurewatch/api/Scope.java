package dev.featurewatch.api;

import java.util.Locale;

/** What an API key may do. */
public enum Scope {
  /** Completions, models, feature search and inspection. */
  CHAT,
  /** Every client's audit records and the live traffic (without it a client sees only its own records). */
  READ_AUDIT,
  /** Rules (read and change) and replay. */
  ADMIN;

  /** The name in key files: {@code chat}, {@code read-audit}, {@code admin}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** @throws IllegalArgumentException for an unknown name */
  public static Scope of(String label) {
    for (Scope s : values()) {
      if (s.label().equals(label)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scope '" + label + "' (scopes: chat, read-audit, admin)");
  }
}
