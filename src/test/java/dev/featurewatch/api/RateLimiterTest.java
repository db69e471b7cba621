package dev.featurewatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  static final long SECOND = 1_000_000_000L;

  @Test
  void requestsBurstToAMinutesAllowanceThenRefillSteadily() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(now::get);
    ApiClient client = new ApiClient("a", EnumSet.of(Scope.CHAT), 6, 0); // one every 10 s
    for (int i = 0; i < 6; i++) {
      assertEquals(0, limiter.admit(client));
    }
    assertEquals(10, limiter.admit(client), "the next request's allowance is 10 s away");
    now.addAndGet(5 * SECOND);
    assertEquals(5, limiter.admit(client));
    now.addAndGet(5 * SECOND);
    assertEquals(0, limiter.admit(client));
  }

  @Test
  void tokensAreChargedAfterTheFactAndADebtMustBeRepaid() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = new RateLimiter(now::get);
    ApiClient client = new ApiClient("b", EnumSet.of(Scope.CHAT), 0, 600); // 10 tokens a second
    assertEquals(0, limiter.admit(client));
    limiter.charge(client, 1200); // 600 over: 60 s of debt
    int wait = limiter.admit(client);
    assertTrue(wait >= 60 && wait <= 61, "waits out the debt, got " + wait);
    now.addAndGet(61 * SECOND);
    assertEquals(0, limiter.admit(client));
  }

  @Test
  void clientsWithoutLimitsAndTheAnonymousOneAreNeverHeldBack() {
    RateLimiter limiter = new RateLimiter();
    ApiClient free = new ApiClient("c", EnumSet.of(Scope.CHAT), 0, 0);
    for (int i = 0; i < 1000; i++) {
      assertEquals(0, limiter.admit(free));
      assertEquals(0, limiter.admit(ApiClient.ANONYMOUS));
    }
  }
}
