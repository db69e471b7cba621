package dev.featurewatch.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {
  @TempDir Path folder;

  @Test
  void eachLayerOverridesTheOneBefore() throws Exception {
    Path file = Files.writeString(folder.resolve("featurewatch.yaml"), """
        server:
          port: 9000
          host: 0.0.0.0
        engine:
          threads: 2
        """);
    Map<String, String> overrides = new HashMap<>();
    overrides.put("engine.threads", "4");
    overrides.put("rules.path", null); // an option not given
    ServerConfig c = ServerConfig.load(file, Map.of("FEATUREWATCH_SERVER_PORT", "9100", "FEATUREWATCH_ENGINE_THREADS", "3"),
        overrides);
    assertEquals("0.0.0.0", c.string("server.host"));
    assertEquals(9100, c.integer("server.port", 0, 65535));
    assertEquals(4, c.integer("engine.threads", 1, 64));
    assertEquals(Path.of("rules"), c.path("rules.path"));
    assertEquals(Duration.ofSeconds(120), c.seconds("engine.timeout_seconds"));
    assertEquals("environment variable FEATUREWATCH_SERVER_PORT", c.origin("server.port"));
  }

  @Test
  void anUnknownKeyOrABadValueNamesWhereItCameFrom() throws Exception {
    Path typo = Files.writeString(folder.resolve("typo.yaml"), "server:\n  prot: 9000\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServerConfig.load(typo, Map.of(), Map.of()));
    assertTrue(e.getMessage().contains("typo.yaml: unknown setting 'server.prot'"), e.getMessage());

    ServerConfig c = ServerConfig.load(null, Map.of("FEATUREWATCH_SERVER_PORT", "eighty"), Map.of());
    e = assertThrows(IllegalArgumentException.class, () -> c.integer("server.port", 0, 65535));
    assertTrue(e.getMessage().startsWith("environment variable FEATUREWATCH_SERVER_PORT: server.port must be a whole number"),
        e.getMessage());
    ServerConfig d = ServerConfig.load(null, Map.of("FEATUREWATCH_AUDIT_DURABILITY", "maybe"), Map.of());
    assertThrows(IllegalArgumentException.class, () -> d.choice("audit.durability", java.util.Set.of("sync", "async")));
  }
}
