package dev.featurewatch.cli;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * A progress line for long jobs on stderr: redrawn in place on a terminal, and printed as a new
 * line every 2% otherwise (logs and CI keep a readable history).
 */
final class ProgressBar {
  private final PrintWriter err;
  private final boolean terminal;
  private final long started = System.nanoTime();
  private long lastPrinted = -1;

  ProgressBar(PrintWriter err) {
    this.err = err;
    this.terminal = System.console() != null;
  }

  /** Shows {@code done} of {@code total} with a free-form status. */
  void update(long done, long total, String status) {
    long percentStep = Math.max(1, total / 50);
    if (!terminal && done != total && done / percentStep == lastPrinted) {
      return;
    }
    lastPrinted = done / percentStep;
    double fraction = total == 0 ? 1 : Math.min(1, done / (double) total);
    int width = 24;
    int filled = (int) Math.round(fraction * width);
    double elapsed = (System.nanoTime() - started) / 1e9;
    double eta = fraction > 0 ? elapsed * (1 - fraction) / fraction : 0;
    String line = String.format(Locale.ROOT, "%6.1f%% [%s%s] %d/%d %s eta %s", 100 * fraction,
        "=".repeat(filled), " ".repeat(width - filled), done, total, status, duration(eta));
    if (terminal) {
      err.print("\r" + line);
      if (done >= total) {
        err.println();
      }
    } else {
      err.println(line);
    }
    err.flush();
  }

  private static String duration(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
        : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
  }
}
