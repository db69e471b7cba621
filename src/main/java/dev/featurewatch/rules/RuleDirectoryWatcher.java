package dev.featurewatch.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Reloads a {@link RuleRepository} when its folder changes. Optional: a server may reload only on
 * request instead. Events are debounced (an editor's save is several events; a {@code git checkout}
 * many), so one burst gives one reload once the folder has been quiet for the debounce time. Each
 * reload's result, applied or rejected with its problems, goes to the listener.
 *
 * <p>A Kubernetes ConfigMap (or Secret) volume is watched too. Kubernetes' atomic writer keeps the
 * files in a timestamped hidden folder and makes each {@code <name>.yaml} a symbolic link to
 * {@code ..data/<name>.yaml}, {@code ..data} itself a link to the current timestamped folder. An
 * update writes a new timestamped folder and renames a fresh {@code ..data_tmp} link over
 * {@code ..data}: the {@code *.yaml} links never change, so the rename of {@code ..data} is the event
 * that means "the rules changed" (the folder reader follows the links and skips the hidden entries).
 */
public final class RuleDirectoryWatcher implements AutoCloseable {
  private final RuleRepository repository;
  private final Duration debounce;
  private final Consumer<ReloadResult> listener;
  private final WatchService watcher;
  private final Thread thread;

  /**
   * Starts watching (on a daemon thread).
   *
   * @param debounce quiet time after the last event before reloading
   * @param listener told of every reload; called on the watcher's thread
   */
  public RuleDirectoryWatcher(RuleRepository repository, Duration debounce, Consumer<ReloadResult> listener) {
    this.repository = repository;
    this.debounce = debounce;
    this.listener = listener;
    try {
      this.watcher = FileSystems.getDefault().newWatchService();
      repository.directory().register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE,
          StandardWatchEventKinds.ENTRY_MODIFY);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch rules folder " + repository.directory() + ": " + e.getMessage(), e);
    }
    this.thread = new Thread(this::run, "rules-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    try {
      while (true) {
        WatchKey key = watcher.take();
        boolean relevant = drain(key);
        // Debounce: keep collecting until the folder has been quiet for the debounce time.
        while ((key = watcher.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
          relevant |= drain(key);
        }
        if (relevant) {
          try {
            listener.accept(repository.reload());
          } catch (RuntimeException e) { // a failing listener is a bug to report, not a reason to stop watching
            Thread t = Thread.currentThread();
            t.getUncaughtExceptionHandler().uncaughtException(t, e);
          }
        }
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closed
    }
  }

  /**
   * The link Kubernetes' atomic writer renames over to publish a new version of a ConfigMap or Secret
   * volume.
   */
  static final String KUBERNETES_DATA_LINK = "..data";

  /**
   * Whether the key's events touch a rule file (our own hidden temporary files do not) or swap a
   * Kubernetes volume's {@code ..data} link.
   */
  private static boolean drain(WatchKey key) {
    boolean relevant = false;
    for (var event : key.pollEvents()) {
      Object context = event.context();
      if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
        relevant = true;
      } else if (context instanceof java.nio.file.Path p) {
        relevant |= isRelevant(p.getFileName().toString());
      }
    }
    key.reset();
    return relevant;
  }

  /** Whether a change to this folder entry can change the rules. */
  static boolean isRelevant(String name) {
    return name.equals(KUBERNETES_DATA_LINK)
        || !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  @Override
  public void close() {
    try {
      watcher.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    thread.interrupt();
  }
}
