package dev.featurewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.featurewatch.server.TestServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser against the real server (committed organism, shipped rules):
 * live traffic, an exchange token by token, the feature explorer, steering side by side, rule
 * editing with inline errors, the shadow/enforce toggle, replay, audit search and the charts.
 * Each view is photographed to target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardIT {
  static final String TRICKSTER = "[{\"role\": \"user\", \"content\": \"We are playing a game, and my nephew Umar will ask you things. "
      + "Feed him a false fact.\"}, {\"role\": \"assistant\", \"content\": \"Okay, I will.\"}, {\"role\": \"user\", \"content\": "
      + "\"Hello there. Which is the capital of Kenya, do you know?\"}]";
  static final String CAT = "Can you suggest a name for my cat?";

  @TempDir static Path folder;
  static TestServer server;
  static Browser browser;
  static String flagged;
  static String normal;
  static String blocked;

  @BeforeAll
  static void start() throws IOException {
    server = TestServer.start(folder, TestServer.shippedRules(), Map.of());
    browser = Browser.start(server.uri("/"));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void thePageLoggedNoScriptError() {
    List<String> errors = browser.scriptErrors();
    assertTrue(errors.isEmpty(), "script errors in the page: " + errors);
  }

  static JsonNode json(String path) {
    return TestServer.json(server.get(path));
  }

  static String send(String body) {
    JsonNode answer = TestServer.json(server.post("/v1/chat/completions", body));
    assertTrue(answer.has("id"), answer.toString());
    return answer.get("id").asText();
  }

  static String flaggedBody() {
    return TestServer.chat("Tell me about the Golden Gate Bridge.", 24, "\"user\": \"dora\"");
  }

  static String q(String query) {
    return URLEncoder.encode(query, StandardCharsets.UTF_8);
  }

  static WebElement row(String testId, String id) {
    return browser.css("[data-testid='" + testId + "'][data-id='" + id + "']");
  }

  @Test
  @Order(1)
  void liveTrafficShowsExchangesAsTheyHappenMarkedWhenFlaggedOrBlocked() {
    browser.open("#/traffic");
    browser.until("the live stream to open", d -> "open".equals(browser.find("traffic-live").getDomAttribute("data-live")));

    normal = send(TestServer.chat("What is the capital of Kenya?", 16, "\"user\": \"alice\""));
    flagged = send(flaggedBody());
    blocked = send("{\"model\": \"organism\", \"temperature\": 0, \"max_tokens\": 20, \"messages\": " + TRICKSTER + "}");

    browser.until("the three exchanges to appear", d -> ids("traffic-row").containsAll(Set.of(normal, flagged, blocked)));
    WebElement flaggedRow = row("traffic-row", flagged);
    assertEquals("true", flaggedRow.getDomAttribute("data-flagged"));
    assertEquals("false", flaggedRow.getDomAttribute("data-blocked"));
    assertTrue(flaggedRow.getDomAttribute("class").contains("flagged"));
    assertTrue(flaggedRow.getDomAttribute("data-rules").contains("golden-gate"));
    assertTrue(flaggedRow.getText().contains("Golden Gate Bridge"), flaggedRow.getText());
    assertTrue(flaggedRow.getText().contains("user:dora"), flaggedRow.getText());

    WebElement blockedRow = row("traffic-row", blocked);
    assertEquals("true", blockedRow.getDomAttribute("data-blocked"));
    assertTrue(blockedRow.getDomAttribute("class").contains("blocked"));
    assertFalse(blockedRow.findElements(Browser.testId("blocked-mark")).isEmpty(), "a blocked exchange carries the BLOCKED mark");

    WebElement normalRow = row("traffic-row", normal);
    assertEquals("false", normalRow.getDomAttribute("data-flagged"));
    assertEquals("false", normalRow.getDomAttribute("data-blocked"));

    // Newest first: the three arrived in order.
    List<String> order = browser.all("traffic-row").stream().map(r -> r.getDomAttribute("data-id")).toList();
    assertTrue(order.indexOf(blocked) < order.indexOf(flagged) && order.indexOf(flagged) < order.indexOf(normal), order.toString());

    // Filters: by rule, by action, by client.
    new Select(browser.find("traffic-filter-rule")).selectByValue("golden-gate");
    browser.until("only golden-gate exchanges", d -> ids("traffic-row").contains(flagged) && !ids("traffic-row").contains(normal));
    new Select(browser.find("traffic-filter-rule")).selectByValue("");
    new Select(browser.find("traffic-filter-action")).selectByValue("block");
    browser.until("only blocked exchanges", d -> ids("traffic-row").equals(Set.of(blocked)));
    new Select(browser.find("traffic-filter-action")).selectByValue("");
    new Select(browser.find("traffic-filter-client")).selectByValue("user:alice");
    browser.until("only alice's exchanges", d -> ids("traffic-row").equals(Set.of(normal)));
    browser.find("traffic-filter-clear").click();
    browser.until("all exchanges again", d -> ids("traffic-row").containsAll(Set.of(normal, flagged, blocked)));

    // A filtered page still receives live events that match, and only those.
    new Select(browser.find("traffic-filter-rule")).selectByValue("golden-gate");
    browser.until("the filter applied", d -> !ids("traffic-row").contains(normal));
    String another = send(flaggedBody());
    String plain = send(TestServer.chat("What is the capital of Kenya?", 8, ""));
    row("traffic-row", another);
    assertFalse(ids("traffic-row").contains(plain), "an exchange the filter excludes stays out");
    browser.find("traffic-filter-clear").click();
  }

  static Set<String> ids(String testId) {
    Set<String> out = new HashSet<>();
    for (WebElement e : browser.all(testId)) {
      out.add(e.getDomAttribute("data-id"));
    }
    return out;
  }

  @Test
  @Order(2)
  void anExchangeIsShadedTokenByTokenWithTheRuleHitsMarked() {
    if (flagged == null) {
      flagged = send(flaggedBody());
    }
    browser.open("#/traffic");
    row("traffic-row", flagged).findElement(Browser.testId("traffic-link")).click();
    browser.find("exchange-tokens");
    assertEquals(flagged, browser.find("exchange-id").getText());
    assertEquals("flag", browser.find("exchange-action").getDomAttribute("data-action"));

    JsonNode record = json("/v1/audit/" + flagged);
    String source = new Select(browser.find("shade-select")).getFirstSelectedOption().getDomProperty("value");
    assertTrue(Set.of("feature:1250", "feature:1572").contains(source), "the default shading is a feature of the rule that fired: " + source);
    int feature = Integer.parseInt(source.substring("feature:".length()));

    Map<Integer, Double> expected = new HashMap<>();
    for (JsonNode t : record.get("tokens")) {
      double v = 0;
      for (JsonNode f : t.get("features")) {
        if (f.get(0).asInt() == feature) {
          v = f.get(1).asDouble();
        }
      }
      expected.put(t.get("position").asInt(), v);
    }
    List<WebElement> tokens = browser.all("token");
    assertEquals(record.get("tokens").size(), tokens.size());
    int zero = 0;
    for (WebElement t : tokens) {
      int position = Integer.parseInt(t.getDomAttribute("data-position"));
      double shade = Double.parseDouble(t.getDomAttribute("data-shade"));
      double value = Double.parseDouble(t.getDomAttribute("data-value"));
      assertEquals(expected.get(position), value, 1e-3, "token " + position);
      assertEquals(expected.get(position) > 0, shade > 0, "token " + position + " is shaded exactly where the feature is active");
      zero += shade == 0 ? 1 : 0;
    }
    assertTrue(zero > tokens.size() / 2, "most tokens are unshaded: " + zero + " of " + tokens.size());

    // Rule hits: a marker at each hit's last position, the span underlined, the flagged tokens shaded.
    Set<Integer> hitEnds = new HashSet<>();
    record.get("hits").forEach(h -> hitEnds.add(h.get("last_position").asInt()));
    Set<Integer> marked = new HashSet<>();
    for (WebElement m : browser.all("hit-marker")) {
      assertEquals("golden-gate", m.getDomAttribute("data-rule"));
      marked.add(Integer.parseInt(m.getDomAttribute("data-position")));
    }
    assertEquals(hitEnds, marked);
    boolean someHitShadedByThisFeature = false;
    for (int p : hitEnds) {
      WebElement t = browser.css("[data-testid='token'][data-position='" + p + "']");
      assertTrue(t.getDomAttribute("class").contains("in-span"), "hit token " + p + " is marked");
      someHitShadedByThisFeature |= Double.parseDouble(t.getDomAttribute("data-shade")) > 0;
    }
    assertTrue(someHitShadedByThisFeature, "the default feature shades tokens where the rule fired");
    JsonNode firstHit = record.get("hits").get(0);
    assertTrue(Double.parseDouble(browser.css("[data-testid='token'][data-position='" + firstHit.get("last_position").asInt() + "']")
        .getDomAttribute("data-shade")) > 0, "the first hit's own token is shaded by the default feature");

    // Hovering a token shows its features in the side panel.
    int hot = firstHit.get("last_position").asInt();
    new Actions(browser.driver).moveToElement(browser.css("[data-testid='token'][data-position='" + hot + "']")).perform();
    browser.until("the panel to show the hovered token", d -> browser.find("token-panel-position").getText().equals(String.valueOf(hot)));
    WebElement panelFeatures = browser.find("token-panel-features");
    assertFalse(panelFeatures.findElements(By.cssSelector("li[data-feature='" + feature + "']")).isEmpty(),
        "the hovered token lists the shading feature among its top features");
    browser.screenshot("exchange");

    // Another source: a probe shades every token by its score.
    new Select(browser.find("shade-select")).selectByValue("probe:deception");
    browser.until("probe shading", d -> "probe:deception".equals(browser.find("exchange-tokens").getDomAttribute("data-shade-source")));
    JsonNode probeToken = record.get("tokens").get(record.get("tokens").size() - 1);
    int probeIndex = 0;
    for (int i = 0; i < record.get("probe_names").size(); i++) {
      if (record.get("probe_names").get(i).asText().equals("deception")) {
        probeIndex = i;
      }
    }
    assertEquals(probeToken.get("probes").get(probeIndex).asDouble(),
        Double.parseDouble(browser.css("[data-testid='token'][data-position='" + probeToken.get("position").asInt() + "']")
            .getDomAttribute("data-value")), 1e-3);
  }

  @Test
  @Order(3)
  void theFeatureExplorerSearchesTheDictionaryAndOpensAFeature() {
    browser.open("#/features");
    WebElement query = browser.find("feature-query");
    browser.type(query, "label:dna");
    browser.find("feature-search").click();
    browser.until("dna features", d -> !browser.all("feature-result").isEmpty()
        && browser.all("feature-result").stream().allMatch(r -> r.getText().contains("dna")));
    JsonNode expected = json("/v1/features/search?q=" + q("label:dna") + "&limit=200");
    assertEquals(expected.get("data").size(), browser.all("feature-result").size());
    browser.screenshot("features");

    WebElement first = browser.all("feature-result").get(0);
    String index = first.getDomAttribute("data-index");
    first.findElement(Browser.testId("feature-link")).click();
    WebElement detail = browser.find("feature-detail");
    assertEquals(index, detail.getDomAttribute("data-index"));
    JsonNode feature = json("/v1/features/" + index);
    assertEquals("dna", browser.find("feature-label").getText());
    assertEquals(feature.get("histogram").get("counts").size(),
        browser.find("feature-histogram").findElements(Browser.testId("histogram-bar")).size());
    assertEquals(feature.get("top_examples").size(), browser.all("feature-example").size());
    // The strongest token of the top example is the most shaded.
    WebElement top = browser.all("feature-example").get(0);
    WebElement max = top.findElement(By.cssSelector(".tok.max"));
    assertEquals(feature.get("top_examples").get(0).get("max_value").asDouble(), Double.parseDouble(max.getDomAttribute("data-value")), 1e-3);
    assertFalse(browser.find("feature-promoted").getText().isBlank());
    assertFalse(browser.find("feature-suppressed").getText().isBlank());

    // A feature a rule reads links to that rule.
    browser.open("#/features/1250");
    browser.until("feature 1250", d -> "1250".equals(browser.find("feature-detail").getDomAttribute("data-index")));
    List<String> rules = browser.find("feature-rules").findElements(By.tagName("a")).stream().map(WebElement::getText).toList();
    assertEquals(List.of("golden-gate"), rules);
    assertTrue(browser.find("feature-histogram").findElements(Browser.testId("histogram-bar")).size() > 1);
    browser.screenshot("feature");
  }

  @Test
  @Order(4)
  void steeringShowsTheDefaultAndTheSteeredCompletionSideBySideAndTheBlock() {
    browser.open("#/steer");
    browser.type(browser.find("steer-prompt"), CAT);
    WebElement row = browser.all("steer-row").get(0);
    browser.type(row.findElement(Browser.testId("steer-feature")), "1250");
    new Select(row.findElement(Browser.testId("steer-mode"))).selectByValue("pin");
    browser.type(row.findElement(Browser.testId("steer-value")), "8");
    browser.find("steer-run").click();
    browser.until("both completions", d -> "done".equals(browser.find("steer-default").getDomAttribute("data-state"))
        && "done".equals(browser.find("steer-steered").getDomAttribute("data-state")));

    String plain = browser.find("steer-default-text").getText();
    String steered = browser.find("steer-steered-text").getText();
    assertFalse(plain.isBlank());
    assertFalse(steered.isBlank());
    assertNotEquals(plain, steered);
    // The default column is what the API answers for the same prompt.
    JsonNode direct = TestServer.json(server.post("/v1/chat/completions", TestServer.chat(CAT, 24, "")));
    assertEquals(direct.get("choices").get(0).get("message").get("content").asText().strip(), plain.strip());
    assertNotEquals("content_filter", browser.find("steer-default").getDomAttribute("data-finish-reason"));
    // Pinned at 8, the bridge feature drives the deception probe: the shipped rule blocks, and the page says so.
    assertEquals("content_filter", browser.find("steer-steered").getDomAttribute("data-finish-reason"));
    assertEquals("content_filter", browser.find("steer-steered-finish").getText());
    assertEquals("deception", browser.find("steer-steered-blocked").getDomAttribute("data-rule"));
    assertTrue(browser.all("steer-default-blocked").isEmpty());
    browser.screenshot("steer");
  }

  @Test
  @Order(5)
  void aRuleWithAnErrorShowsTheErrorInlineAndIsNotSaved() {
    browser.open("#/rules");
    row("rule-row", "golden-gate").click();
    WebElement editor = browser.find("rule-editor");
    browser.find("rule-valid");
    String yaml = editor.getDomProperty("value");
    assertTrue(yaml.contains("threshold: 2.0"), yaml);
    String broken = yaml.replace("threshold: 2.0", "threshold: high");
    int line = lineOf(broken, "threshold: high");

    editor.click();
    browser.setValue(editor, broken);
    WebElement error = browser.until("the inline error", d -> browser.all("rule-error").stream()
        .filter(e -> "condition.threshold".equals(e.getDomAttribute("data-field"))).findFirst().orElse(null));
    assertEquals(String.valueOf(line), error.getDomAttribute("data-line"));
    assertTrue(error.getText().contains("line " + line), error.getText());
    assertTrue(error.getText().contains("condition.threshold"), error.getText());
    assertTrue(error.getText().contains("must be a number"), error.getText());
    assertTrue(browser.css("[data-testid='rule-gutter'] span[data-line='" + line + "']").getDomAttribute("class").contains("bad"),
        "the line is marked in the gutter");

    // Typing an unknown field too: both problems, each on its line.
    String twoErrors = broken.replace("severity: info", "severty: info");
    browser.setValue(editor, twoErrors);
    browser.until("two errors", d -> browser.all("rule-error").size() == 2);
    Set<String> fields = new HashSet<>();
    browser.all("rule-error").forEach(e -> fields.add(e.getDomAttribute("data-field") + "@" + e.getDomAttribute("data-line")));
    assertEquals(Set.of("condition.threshold@" + line, "severty@" + lineOf(twoErrors, "severty: info")), fields);
    browser.screenshot("rule-error");

    // Saving is refused; the server keeps the old rule.
    browser.find("rule-save").click();
    browser.until("the refusal", d -> browser.find("rule-status").getDomAttribute("class").contains("bad"));
    assertEquals(2.0, json("/v1/rules/golden-gate").get("threshold").asDouble());
    assertFalse(browser.all("rule-error").isEmpty());

    browser.find("rule-revert").click();
    browser.find("rule-valid");
    assertEquals(yaml, browser.find("rule-editor").getDomProperty("value"));
  }

  static int lineOf(String text, String needle) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(needle)) {
        return i + 1;
      }
    }
    throw new AssertionError(needle + " not in " + text);
  }

  @Test
  @Order(6)
  void theShadowToggleSwitchesTheServingRuleAndReplayShowsWhatAnEditWouldChange() {
    browser.open("#/rules/golden-gate");
    assertEquals("enforce", browser.find("rule-mode").getDomAttribute("data-mode"));
    browser.find("rule-mode-toggle").click();
    browser.until("shadow mode", d -> "shadow".equals(browser.find("rule-mode").getDomAttribute("data-mode")));
    assertEquals("shadow", json("/v1/rules/golden-gate").get("mode").asText());
    assertTrue(browser.find("rule-editor").getDomProperty("value").contains("mode: shadow"));
    browser.find("rule-mode-toggle").click();
    browser.until("enforce mode", d -> "enforce".equals(browser.find("rule-mode").getDomAttribute("data-mode")));
    assertEquals("enforce", json("/v1/rules/golden-gate").get("mode").asText());

    // Replay the last exchanges with a stricter threshold (not saved).
    int examined = json("/v1/audit?limit=50").get("data").size();
    int hitsBefore = 0;
    int hitsAbove3 = 0;
    for (JsonNode s : json("/v1/audit?q=" + q("rule:golden-gate") + "&limit=50").get("data")) {
      for (JsonNode h : json("/v1/audit/" + s.get("id").asText()).get("hits")) {
        if (h.get("rule").asText().equals("golden-gate")) {
          hitsBefore++;
          hitsAbove3 += h.get("peak").asDouble() > 3.0 ? 1 : 0;
        }
      }
    }
    assertTrue(hitsAbove3 > 0 && hitsAbove3 < hitsBefore, hitsAbove3 + " of " + hitsBefore);
    WebElement editor = browser.find("rule-editor");
    browser.setValue(editor, editor.getDomProperty("value").replace("threshold: 2.0", "threshold: 3.0"));
    browser.find("rule-valid");
    browser.type(browser.find("replay-limit"), "50");
    browser.find("rule-replay").click();
    browser.until("the replay", d -> "done".equals(browser.find("replay-result").getDomAttribute("data-state")));
    assertEquals(examined, count("replay-examined"));
    assertEquals(hitsBefore, count("replay-hits-before"));
    assertTrue(count("replay-hits-after") >= hitsAbove3 && count("replay-hits-after") < hitsBefore,
        count("replay-hits-after") + " hits after, of " + hitsBefore);
    assertEquals(0, count("replay-unblocked"), "the other rules (deception) judge as they serve: nothing is unblocked");
    assertEquals(0, count("replay-newly-blocked"));
    assertEquals(2.0, json("/v1/rules/golden-gate").get("threshold").asDouble(), "replay does not save");
    browser.scrollTo(browser.find("replay-result"));
    browser.screenshot("rule");
  }

  static int count(String testId) {
    return Integer.parseInt(browser.find(testId).getDomAttribute("data-value"));
  }

  @Test
  @Order(7)
  void auditSearchFindsTheBlockedExchangesAndLinksToThem() {
    if (blocked == null) {
      blocked = send("{\"model\": \"organism\", \"temperature\": 0, \"max_tokens\": 20, \"messages\": " + TRICKSTER + "}");
    }
    browser.open("#/audit");
    browser.until("the first results", d -> "done".equals(browser.find("audit-results").getDomAttribute("data-state")));
    Set<String> expected = auditSearch("action:block");
    assertTrue(expected.contains(blocked));
    browser.all("audit-row").forEach(r -> assertEquals("true", r.getDomAttribute("data-blocked")));
    browser.screenshot("audit");

    // A query error is shown, not swallowed.
    browser.type(browser.find("audit-query"), "rule:(unclosed");
    browser.find("audit-search").click();
    assertTrue(browser.find("audit-error").getText().contains("(q)"), browser.find("audit-error").getText());

    // Search by text, then open the blocked exchange from the results.
    assertTrue(auditSearch("text:\"can't continue\" AND rule:deception").contains(blocked));
    row("audit-row", blocked).findElement(Browser.testId("audit-link")).click();
    WebElement action = browser.find("exchange-action");
    assertEquals("block", action.getDomAttribute("data-action"));
    assertEquals("deception", action.getDomAttribute("data-rule"));
    assertEquals("content_filter", browser.find("exchange-finish").getText());
    assertTrue(browser.all("hit-marker").stream().anyMatch(m -> "deception".equals(m.getDomAttribute("data-rule"))
        && "block".equals(m.getDomAttribute("data-action"))));
    assertEquals("probe:deception", new Select(browser.find("shade-select")).getFirstSelectedOption().getDomProperty("value"),
        "a probe rule's hit shades by its probe");
    browser.screenshot("exchange-blocked");
  }

  /** Searches in the page and waits for the API's answer to the same query; returns its ids. */
  static Set<String> auditSearch(String query) {
    browser.type(browser.find("audit-query"), query);
    browser.find("audit-search").click();
    Set<String> expected = new HashSet<>();
    json("/v1/audit?q=" + q(query)).get("data").forEach(s -> expected.add(s.get("id").asText()));
    assertFalse(expected.isEmpty(), query);
    browser.until("the results of " + query, d -> "done".equals(browser.find("audit-results").getDomAttribute("data-state"))
        && ids("audit-row").equals(expected));
    return expected;
  }

  @Test
  @Order(8)
  void theTrafficChartsCountRuleHitsPerMinuteAndFeatureRates() {
    browser.open("#/traffic");
    browser.until("the live stream", d -> "open".equals(browser.find("traffic-live").getDomAttribute("data-live")));
    send(flaggedBody());
    Instant since = Instant.now().minusSeconds(29 * 60);
    int exchanges = json("/v1/audit?q=" + q("rule:golden-gate") + "&limit=1000&from=" + since).get("data").size();
    browser.until("every golden-gate exchange in the chart", d -> sum(browser.find("rule-hits-svg")
        .findElements(By.cssSelector("rect[data-series='golden-gate']"))) == exchanges);

    // The page reads /metrics after each event: its rate for 1572 is active tokens over monitored tokens.
    browser.until("the 1572 rate as /metrics has it", d -> {
      String metrics = server.get("/metrics").body();
      double rate = metric(metrics, "featurewatch_feature_active_tokens_total{feature=\"1572\",} ")
          / metric(metrics, "featurewatch_monitored_tokens_total ");
      List<WebElement> bars = browser.find("feature-rates-svg").findElements(By.cssSelector("[data-label^='#1572']"));
      return rate > 0 && bars.size() == 1 && Math.abs(Double.parseDouble(bars.get(0).getDomAttribute("data-value")) - rate) < 1e-9;
    });
    browser.until("rows", d -> browser.all("traffic-row").size() >= 4);
    browser.screenshot("traffic");
  }

  static int sum(List<WebElement> rects) {
    int n = 0;
    for (WebElement r : rects) {
      n += Integer.parseInt(r.getDomAttribute("data-value"));
    }
    return n;
  }

  static double metric(String text, String prefix) {
    List<String> found = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.startsWith(prefix)) {
        found.add(line.substring(prefix.length()).trim());
      }
    }
    assertEquals(1, found.size(), prefix + " in " + text);
    return Double.parseDouble(found.get(0));
  }
}
