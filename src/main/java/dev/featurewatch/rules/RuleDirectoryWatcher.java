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

  /** Whether the key's events touch a rule file (our own hidden temporary files do not). */
  private static boolean drain(WatchKey key) {
    boolean relevant = false;
    for (var event : key.pollEvents()) {
      Object context = event.context();
      if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
        relevant = true;
      } else if (context instanceof java.nio.file.Path p) {
        String name = p.getFileName().toString();
        relevant |= !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
      }
    }
    key.reset();
    return relevant;
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
