package dev.featurewatch.api;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Per-client limits on requests and tokens a minute, as token buckets that refill continuously:
 * a client may burst up to a minute's allowance, then goes at the steady rate. A request is
 * admitted while both buckets hold something; its tokens (prompt and answer) are taken once known,
 * so a large answer may leave the token bucket in debt, and the next request waits until it is
 * repaid. A refusal says how long to wait ({@code Retry-After}).
 */
public final class RateLimiter {
  private final Map<String, Buckets> byClient = new ConcurrentHashMap<>();
  private final LongSupplier nanoClock;

  public RateLimiter() {
    this(System::nanoTime);
  }

  RateLimiter(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /**
   * Takes one request from the client's allowance.
   *
   * @return 0 when admitted, else the seconds to wait
   */
  public int admit(ApiClient client) {
    if (client.isAnonymous() || (client.requestsPerMinute() == 0 && client.tokensPerMinute() == 0)) {
      return 0;
    }
    Buckets b = byClient.computeIfAbsent(client.name(), n -> new Buckets(client, nanoClock.getAsLong()));
    synchronized (b) {
      long now = nanoClock.getAsLong();
      b.requests.refill(now);
      b.tokens.refill(now);
      double wait = Math.max(b.requests.secondsUntil(1), b.tokens.secondsUntil(Double.MIN_VALUE));
      if (wait > 0) {
        return (int) Math.max(1, Math.ceil(wait));
      }
      b.requests.take(1);
      return 0;
    }
  }

  /** Charges the tokens an exchange used. */
  public void charge(ApiClient client, long tokens) {
    if (client.isAnonymous() || client.tokensPerMinute() == 0) {
      return;
    }
    Buckets b = byClient.computeIfAbsent(client.name(), n -> new Buckets(client, nanoClock.getAsLong()));
    synchronized (b) {
      b.tokens.refill(nanoClock.getAsLong());
      b.tokens.take(tokens);
    }
  }

  private static final class Buckets {
    final Bucket requests;
    final Bucket tokens;

    Buckets(ApiClient client, long now) {
      requests = new Bucket(client.requestsPerMinute(), now);
      tokens = new Bucket(client.tokensPerMinute(), now);
    }
  }

  /** A minute's allowance refilling continuously; capacity 0 means unlimited. */
  private static final class Bucket {
    final double capacity;
    double level;
    long last;

    Bucket(int perMinute, long now) {
      this.capacity = perMinute;
      this.level = perMinute;
      this.last = now;
    }

    void refill(long now) {
      if (capacity > 0) {
        level = Math.min(capacity, level + (now - last) / 60e9 * capacity);
      }
      last = now;
    }

    /** Seconds until the level reaches {@code needed}; 0 if it already has or there is no limit. */
    double secondsUntil(double needed) {
      if (capacity == 0 || level >= needed) {
        return 0;
      }
      return (needed - level) / capacity * 60;
    }

    void take(double amount) {
      if (capacity > 0) {
        level -= amount;
      }
    }
  }
}
