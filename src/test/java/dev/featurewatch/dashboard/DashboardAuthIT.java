package dev.featurewatch.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.cli.Main;
import dev.featurewatch.server.TestServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a server with API keys, the dashboard asks for one and then works with it; the page itself holds no secret. */
class DashboardAuthIT {
  @TempDir Path folder;

  @Test
  void theDashboardUsesTheKeyTypedIntoIt() throws Exception {
    Path keys = folder.resolve("keys.yaml");
    StringWriter out = new StringWriter();
    assertEquals(0, Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "keys", "add", "--file", keys.toString(),
        "--name", "oncall", "--scope", "chat", "--scope", "read-audit", "--scope", "admin"));
    String key = out.toString().strip();
    try (TestServer server = TestServer.start(folder, Map.of(), Map.of("security.keys_path", keys.toString()));
        Browser browser = Browser.start(server.uri("/"))) {
      String id = TestServer.json(server.send(HttpRequest.newBuilder(server.uri("/v1/chat/completions"))
          .header("content-type", "application/json").header("authorization", "Bearer " + key)
          .POST(HttpRequest.BodyPublishers.ofString(TestServer.chat("What is the capital of Kenya?", 6, ""))).build())).get("id").asText();

      browser.open("#/audit");
      assertTrue(browser.present("audit-error").getText().contains("API key"), "without a key the API refuses the page's calls");
      browser.type(browser.find("api-key"), key);
      browser.find("key-use").click();
      assertTrue(browser.present("audit-link").getAttribute("href").endsWith(id), "with the key the audit search works");
      assertEquals("key set", browser.find("key-state").getText());
      String page = (String) browser.script("return document.documentElement.outerHTML + JSON.stringify(localStorage);");
      assertFalse(page.contains(key), "the key is in neither the page nor localStorage");
      browser.screenshot("api-key");
    }
  }
}
