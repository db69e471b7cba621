package dev.featurewatch.alerts;

import java.net.URI;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers alerts off the inference thread. {@link #submit} only spools the alert (a few
 * microseconds under a lock no I/O is done under) and never throws; a single sender thread starts
 * deliveries on the sinks' asynchronous HTTP clients. Each sink has its own bounded spool
 * ({@link AlertConfig#spoolCapacity()}; on overflow the oldest alert not being sent is dropped and
 * counted), at most one batch in flight, and its own exponential backoff, so a sink that is down
 * neither delays the others nor loses its order. A permanent failure (HTTP 400 and the like) gives
 * the batch up rather than retrying it forever.
 */
public final class AlertDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertDispatcher.class);

  private final List<SinkLane> lanes = new ArrayList<>();
  private final AlertConfig config;
  private final AlertDeliveryListener listener;
  private final ReentrantLock lock = new ReentrantLock();
  /** Signalled whenever a lane may have become ready or idle: a submit, a finished attempt, close. */
  private final Condition changed = lock.newCondition();
  private final Thread sender;
  private boolean closing;
  private boolean stopped;

  /**
   * The dispatcher for {@code config}'s sinks, sharing one HTTP/1.1 client. Without sinks it
   * accepts and ignores alerts.
   */
  public static AlertDispatcher start(AlertConfig config, AlertDeliveryListener listener) {
    List<AlertSink> sinks = new ArrayList<>();
    if (config.hasSinks()) {
      HttpClient client = HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(config.requestTimeout())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
      for (URI url : config.alertmanagerUrls()) {
        sinks.add(new AlertmanagerSink(url, client, config.requestTimeout(), config.maxBatchSize()));
      }
      if (config.webhookUrl() != null) {
        sinks.add(new WebhookSink(config.webhookUrl(), config.webhookBearerToken(), client, config.requestTimeout()));
      }
    }
    return new AlertDispatcher(sinks, config, listener);
  }

  /** A dispatcher over the given sinks, with {@code config}'s spool, backoff and flush settings. */
  public AlertDispatcher(List<AlertSink> sinks, AlertConfig config, AlertDeliveryListener listener) {
    this.config = config;
    this.listener = listener == null ? AlertDeliveryListener.NONE : listener;
    for (AlertSink sink : sinks) {
      lanes.add(new SinkLane(sink, config.spoolCapacity(), new Backoff(config.initialBackoff(), config.maxBackoff())));
    }
    if (lanes.isEmpty()) {
      sender = null;
    } else {
      sender = new Thread(this::sendLoop, "featurewatch-alert-sender");
      sender.setDaemon(true);
      sender.start();
      LOG.info("alerts go to {}", sinks);
    }
  }

  /** Whether any sink is configured. */
  public boolean isEnabled() {
    return !lanes.isEmpty();
  }

  /**
   * Spools {@code alert} for every sink and returns at once. Never blocks on the network and never
   * throws; after {@link #close()} the alert is counted as dropped.
   */
  public void submit(Alert alert) {
    if (alert == null || lanes.isEmpty()) {
      return;
    }
    try {
      lock.lock();
      try {
        for (SinkLane lane : lanes) {
          int dropped = closing ? 1 : lane.add(alert);
          if (dropped > 0) {
            report(() -> listener.dropped(lane.sink().kind(), dropped));
            LOG.debug("{}: spool full, dropped {} oldest alert(s)", lane.sink(), dropped);
          }
        }
        reportSpoolSize();
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    } catch (RuntimeException e) {
      LOG.warn("could not spool an alert for rule {}", alert.ruleId(), e);
    }
  }

  /** Alerts spooled over all sinks, waiting or being delivered. */
  public int spoolSize() {
    lock.lock();
    try {
      return spooled();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Keeps delivering for up to {@link AlertConfig#closeFlushTimeout()} (backoffs still apply),
   * then stops the sender; what is left is reported as dropped.
   */
  @Override
  public void close() {
    if (sender == null) {
      return;
    }
    lock.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      long deadline = System.nanoTime() + config.closeFlushTimeout().toNanos();
      long remaining;
      while (!lanes.stream().allMatch(SinkLane::isIdle) && (remaining = deadline - System.nanoTime()) > 0) {
        changed.awaitNanos(remaining);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      stopLocked();
      lock.unlock();
    }
    try {
      sender.join(TimeUnit.SECONDS.toMillis(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void stopLocked() {
    stopped = true;
    for (SinkLane lane : lanes) {
      int left = lane.clear();
      if (left > 0) {
        LOG.warn("{}: {} alert(s) not delivered before shutdown", lane.sink(), left);
        report(() -> listener.dropped(lane.sink().kind(), left));
      }
    }
    reportSpoolSize();
    changed.signalAll();
  }

  private void sendLoop() {
    List<SinkLane> ready = new ArrayList<>();
    List<List<Alert>> batches = new ArrayList<>();
    while (true) {
      ready.clear();
      batches.clear();
      lock.lock();
      try {
        while (true) {
          if (stopped) {
            return;
          }
          long now = System.nanoTime();
          long wait = Long.MAX_VALUE;
          for (SinkLane lane : lanes) {
            if (lane.isReady(now)) {
              ready.add(lane);
              batches.add(lane.startAttempt());
            } else {
              wait = Math.min(wait, lane.nanosUntilReady(now));
            }
          }
          if (!ready.isEmpty()) {
            break;
          }
          if (wait == Long.MAX_VALUE) {
            changed.await();
          } else {
            changed.awaitNanos(wait);
          }
        }
      } catch (InterruptedException e) {
        LOG.warn("alert sender interrupted; alerts are no longer delivered");
        return;
      } catch (RuntimeException e) {
        LOG.error("alert sender failed; alerts are no longer delivered", e);
        return;
      } finally {
        lock.unlock();
      }
      for (int i = 0; i < ready.size(); i++) {
        startDelivery(ready.get(i), batches.get(i));
      }
    }
  }

  private void startDelivery(SinkLane lane, List<Alert> batch) {
    CompletableFuture<DeliveryResult> attempt;
    try {
      attempt = lane.sink().deliver(batch);
    } catch (RuntimeException e) {
      attempt = CompletableFuture.completedFuture(DeliveryResult.permanentFailure("sink refused the batch: " + e));
    }
    attempt.whenComplete((result, error) -> finishDelivery(lane, batch,
        result != null ? result : JsonPoster.forError(error)));
  }

  private void finishDelivery(SinkLane lane, List<Alert> batch, DeliveryResult result) {
    String kind = lane.sink().kind();
    int n = batch.size();
    lock.lock();
    try {
      if (stopped) {
        return;
      }
      switch (result.outcome()) {
        case DELIVERED -> {
          if (lane.failuresInARow() > 0) {
            LOG.info("{}: delivering again after {} failed attempt(s)", lane.sink(), lane.failuresInARow());
          }
          lane.finishBatch();
          report(() -> listener.delivered(kind, n));
        }
        case RETRY -> {
          long delay = lane.retryLater(System.nanoTime());
          String message = "{}: {} alert(s) not delivered ({}); retrying in {} ms";
          Object[] args = {lane.sink(), n, result.detail(), TimeUnit.NANOSECONDS.toMillis(delay)};
          if (lane.failuresInARow() == 1) {
            LOG.warn(message, args);
          } else {
            LOG.debug(message, args);
          }
          report(() -> listener.failed(kind, n, true));
        }
        case PERMANENT_FAILURE -> {
          LOG.warn("{}: {} alert(s) rejected ({}); not retrying", lane.sink(), n, result.detail());
          lane.finishBatch();
          report(() -> listener.failed(kind, n, false));
        }
      }
      reportSpoolSize();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private int spooled() {
    int size = 0;
    for (SinkLane lane : lanes) {
      size += lane.size();
    }
    return size;
  }

  private void reportSpoolSize() {
    int size = spooled();
    report(() -> listener.spoolSizeChanged(size));
  }

  private static void report(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      LOG.warn("alert delivery listener failed", e);
    }
  }
}
