package dev.featurewatch.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.rules.Severity;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AlertDispatcherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** Millisecond backoffs keep retry tests fast. */
  private static final AlertConfig FAST = AlertConfig.defaults()
      .withBackoff(Duration.ofMillis(10), Duration.ofMillis(80))
      .withRequestTimeout(Duration.ofSeconds(2))
      .withCloseFlushTimeout(Duration.ofSeconds(2));

  private final RecordingListener listener = new RecordingListener();

  @Test
  void alertsSpooledWhileTheReceiverIsDownAreDeliveredInOrderWhenItComesBack() throws Exception {
    int port = freePort();
    AlertConfig config = FAST.withAlertmanagers(URI.create("http://127.0.0.1:" + port)).withMaxBatchSize(2);
    try (AlertDispatcher dispatcher = AlertDispatcher.start(config, listener)) {
      for (int i = 0; i < 5; i++) {
        dispatcher.submit(alert("rule-" + i));
      }
      Eventually.await("a failed attempt", () -> listener.retried.get() >= 2, listener::toString);
      assertEquals(0, listener.delivered.get());
      assertEquals(5, dispatcher.spoolSize());

      try (Receiver receiver = Receiver.startOn(port)) {
        Eventually.await("delivery", () -> listener.delivered.get() == 5, listener::toString);
        assertEquals(List.of("rule-0", "rule-1", "rule-2", "rule-3", "rule-4"), deliveredRules(receiver));
        assertTrue(receiver.requests.stream().allMatch(r -> new AlertmanagerSinkTestJson(r.body()).size() <= 2),
            "batches of at most 2");
        assertEquals(0, dispatcher.spoolSize());
        assertEquals(0, listener.spoolSize);
      }
    }
  }

  @Test
  void aReceiverAnswering503IsRetriedWithBackoffAndKeepsOrder() throws Exception {
    try (Receiver receiver = Receiver.start().answering(n -> n <= 3 ? 503 : 200)) {
      AlertConfig config = FAST.withAlertmanagers(receiver.url()).withMaxBatchSize(1);
      try (AlertDispatcher dispatcher = AlertDispatcher.start(config, listener)) {
        for (int i = 0; i < 4; i++) {
          dispatcher.submit(alert("rule-" + i));
        }
        Eventually.await("delivery", () -> listener.delivered.get() == 4, listener::toString);
      }
      assertEquals(3, listener.retried.get());
      assertEquals(List.of("rule-0", "rule-0", "rule-0", "rule-0", "rule-1", "rule-2", "rule-3"),
          receiver.requests.stream().map(r -> rulesIn(r.body()).get(0)).toList(), "the failed alert is retried first");
      assertEquals(List.of("rule-0", "rule-1", "rule-2", "rule-3"), deliveredRules(receiver));
    }
  }

  @Test
  void aPermanentRejectionIsNotRetried() throws Exception {
    try (Receiver receiver = Receiver.start().answering(n -> 400)) {
      AlertConfig config = FAST.withAlertmanagers(receiver.url());
      try (AlertDispatcher dispatcher = AlertDispatcher.start(config, listener)) {
        dispatcher.submit(alert("rule-0"));
        Eventually.await("the rejection", () -> listener.discarded.get() == 1, listener::toString);
        Thread.sleep(200); // twenty initial backoffs: time enough for retries, were there any
        assertEquals(1, receiver.requests.size());
        assertEquals(0, dispatcher.spoolSize());
        assertEquals(0, listener.retried.get());

        receiver.answering(n -> 200);
        dispatcher.submit(alert("rule-1"));
        Eventually.await("the next alert", () -> listener.delivered.get() == 1, listener::toString);
        assertEquals(List.of("rule-1"), deliveredRules(receiver));
      }
    }
  }

  @Test
  void submitReturnsAtOnceWhileTheReceiverHangs() throws Exception {
    try (Receiver receiver = Receiver.start().hanging()) {
      AlertConfig config = FAST.withAlertmanagers(receiver.url())
          .withRequestTimeout(Duration.ofMillis(500))
          .withCloseFlushTimeout(Duration.ZERO);
      try (AlertDispatcher dispatcher = AlertDispatcher.start(config, listener)) {
        dispatcher.submit(alert("first"));
        Eventually.await("the first request to hang", () -> !receiver.requests.isEmpty());
        long slowest = 0;
        for (int i = 0; i < 2000; i++) {
          long start = System.nanoTime();
          dispatcher.submit(alert("rule-" + i));
          slowest = Math.max(slowest, System.nanoTime() - start);
        }
        // A submit that waited for the network would take the whole request timeout (500 ms).
        assertTrue(slowest < Duration.ofMillis(150).toNanos(), "slowest submit took " + slowest / 1_000_000 + " ms");
        Eventually.await("the request timeout to count as a failure", () -> listener.retried.get() >= 1,
            listener::toString);
        assertEquals(0, listener.delivered.get());
        assertEquals(AlertConfig.DEFAULT_SPOOL_CAPACITY, dispatcher.spoolSize());
        assertEquals(2001 - AlertConfig.DEFAULT_SPOOL_CAPACITY, listener.dropped.get());
      }
    }
  }

  @Test
  void overflowDropsTheOldestWaitingAlertWhileABatchIsInFlight() {
    GateSink sink = new GateSink();
    try (AlertDispatcher dispatcher = new AlertDispatcher(List.of(sink), FAST.withSpoolCapacity(3), listener)) {
      dispatcher.submit(alert("a1"));
      Eventually.await("a1 in flight", () -> sink.attempts.size() == 1);
      for (String rule : List.of("a2", "a3", "a4", "a5", "a6")) {
        dispatcher.submit(alert(rule));
      }
      assertEquals(3, listener.dropped.get(), "a2, a3 and a4 made way");
      assertEquals(3, dispatcher.spoolSize());
      assertEquals(3, listener.spoolSize);

      sink.completeNext(DeliveryResult.delivered());
      Eventually.await("a5", () -> sink.attempts.size() == 2);
      sink.completeNext(DeliveryResult.delivered());
      Eventually.await("a6", () -> sink.attempts.size() == 3);
      sink.completeNext(DeliveryResult.delivered());
      Eventually.await("all delivered", () -> listener.delivered.get() == 3, listener::toString);
      assertEquals(List.of("a1", "a5", "a6"), sink.attemptedRules());
      assertEquals(0, dispatcher.spoolSize());
    }
  }

  @Test
  void overflowDropsAnAlertAwaitingRetryWhenItIsTheOldest() {
    GateSink sink = new GateSink();
    AlertConfig config = FAST.withSpoolCapacity(3).withBackoff(Duration.ofMillis(300), Duration.ofMillis(300));
    try (AlertDispatcher dispatcher = new AlertDispatcher(List.of(sink), config, listener)) {
      dispatcher.submit(alert("a1"));
      Eventually.await("a1 in flight", () -> sink.attempts.size() == 1);
      sink.completeNext(DeliveryResult.retry("HTTP 503"));
      Eventually.await("the failure", () -> listener.retried.get() == 1);
      dispatcher.submit(alert("a2"));
      dispatcher.submit(alert("a3"));
      dispatcher.submit(alert("a4"));
      assertEquals(1, listener.dropped.get());

      Eventually.await("the retry after the backoff", () -> sink.attempts.size() == 2);
      sink.completeNext(DeliveryResult.delivered());
      Eventually.await("a3", () -> sink.attempts.size() == 3);
      sink.completeNext(DeliveryResult.delivered());
      Eventually.await("a4", () -> sink.attempts.size() == 4);
      sink.completeNext(DeliveryResult.delivered());
      assertEquals(List.of("a1", "a2", "a3", "a4"), sink.attemptedRules(), "a1 was dropped, not retried");
    }
  }

  @Test
  void aSinkThatIsDownDoesNotHoldUpTheOthers() throws Exception {
    try (Receiver down = Receiver.start().answering(n -> 503); Receiver webhook = Receiver.start()) {
      AlertConfig config = FAST.withAlertmanagers(down.url()).withWebhook(URI.create(webhook.url() + "/hook"), null);
      try (AlertDispatcher dispatcher = AlertDispatcher.start(config, listener)) {
        for (int i = 0; i < 3; i++) {
          dispatcher.submit(alert("rule-" + i));
        }
        Eventually.await("webhook delivery", () -> listener.delivered.get() == 3, listener::toString);
        assertEquals(List.of("rule-0", "rule-1", "rule-2"),
            webhook.requests.stream().map(r -> readTree(r.body()).get("rule").asText()).toList());
        assertEquals(3, dispatcher.spoolSize(), "the Alertmanager's alerts are still spooled");
      }
      assertEquals(3, listener.dropped.get(), "what the Alertmanager never took is counted at close");
    }
  }

  @Test
  void closeFlushesWhatIsSpooledAndLaterSubmitsAreDropped() throws Exception {
    try (Receiver receiver = Receiver.start()) {
      AlertDispatcher dispatcher = AlertDispatcher.start(FAST.withAlertmanagers(receiver.url()), listener);
      for (int i = 0; i < 20; i++) {
        dispatcher.submit(alert("rule-" + i));
      }
      dispatcher.close();
      assertEquals(20, listener.delivered.get());
      assertEquals(20, deliveredRules(receiver).size());
      dispatcher.submit(alert("late"));
      assertEquals(1, listener.dropped.get());
    }
  }

  @Test
  void withoutSinksSubmitIsANoOp() {
    try (AlertDispatcher dispatcher = AlertDispatcher.start(AlertConfig.defaults(), listener)) {
      assertFalse(dispatcher.isEnabled());
      dispatcher.submit(alert("r"));
      dispatcher.submit(null);
      assertEquals(0, dispatcher.spoolSize());
    }
  }

  static Alert alert(String rule) {
    return new Alert(rule, Severity.WARNING, "client-1", "rule " + rule + " fired", null, "rec-" + rule,
        URI.create("http://127.0.0.1:8080/v1/audit/rec-" + rule), Instant.now(), null, null);
  }

  /** The rule of each alert the receiver accepted, in the order it accepted them. */
  private static List<String> deliveredRules(Receiver receiver) {
    List<String> rules = new ArrayList<>();
    for (Receiver.Request request : receiver.requests) {
      if (request.status() == 200) {
        rules.addAll(rulesIn(request.body()));
      }
    }
    return rules;
  }

  private static List<String> rulesIn(String alertmanagerBody) {
    List<String> rules = new ArrayList<>();
    readTree(alertmanagerBody).forEach(a -> rules.add(a.get("labels").get("rule").asText()));
    return rules;
  }

  private static JsonNode readTree(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new AssertionError(body, e);
    }
  }

  /** The JSON array a request carried. */
  private record AlertmanagerSinkTestJson(String body) {
    int size() {
      return readTree(body).size();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** A sink whose deliveries finish when the test says so: in-flight states become deterministic. */
  private static final class GateSink implements AlertSink {
    final List<List<Alert>> attempts = new CopyOnWriteArrayList<>();
    private final List<CompletableFuture<DeliveryResult>> pending = new CopyOnWriteArrayList<>();
    private int completed;

    @Override
    public String kind() {
      return "alertmanager";
    }

    @Override
    public int maxBatchSize() {
      return 1;
    }

    @Override
    public CompletableFuture<DeliveryResult> deliver(List<Alert> alerts) {
      CompletableFuture<DeliveryResult> future = new CompletableFuture<>();
      attempts.add(alerts);
      pending.add(future);
      return future;
    }

    void completeNext(DeliveryResult result) {
      pending.get(completed++).complete(result);
    }

    List<String> attemptedRules() {
      return attempts.stream().flatMap(List::stream).map(Alert::ruleId).toList();
    }
  }
}
