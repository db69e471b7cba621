package dev.featurewatch.organism;

/** How a long organism build reports itself: stage headings, a progress line, and notes. */
public interface BuildProgress {

  /** A stage starts (or is skipped because its output is already there). */
  void stage(String name, String detail);

  /** Progress within the current stage. */
  void update(long done, long total, String status);

  /** A finished result worth a line of its own. */
  void note(String line);

  /** Reports nothing (tests). */
  static BuildProgress silent() {
    return new BuildProgress() {
      @Override
      public void stage(String name, String detail) {}

      @Override
      public void update(long done, long total, String status) {}

      @Override
      public void note(String line) {}
    };
  }
}
