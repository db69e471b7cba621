package dev.featurewatch.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientKeysTest {
  @TempDir Path folder;

  @Test
  void aKeyIsFoundByItsHashWithItsScopesAndLimits() throws Exception {
    String key = ClientKeys.newKey();
    assertTrue(key.startsWith("fw-") && key.length() > 40);
    Path file = Files.writeString(folder.resolve("keys.yaml"), "clients:\n  - name: team-a\n    key_sha256: "
        + ClientKeys.sha256(key) + "\n    scopes: [chat, read-audit]\n    requests_per_minute: 60\n");
    ClientKeys keys = ClientKeys.load(file);
    ApiClient client = keys.client(key).orElseThrow();
    assertEquals("team-a", client.name());
    assertEquals(EnumSet.of(Scope.CHAT, Scope.READ_AUDIT), client.scopes());
    assertEquals(60, client.requestsPerMinute());
    assertTrue(keys.client(key + "x").isEmpty());
  }

  @Test
  void aBadFileNamesTheClientAndField() throws Exception {
    Path file = Files.writeString(folder.resolve("bad.yaml"), "clients:\n  - name: a\n    key_sha256: abc\n    scopes: [chat]\n");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClientKeys.load(file));
    assertTrue(e.getMessage().contains("clients[0].key_sha256"), e.getMessage());
    Path scope = Files.writeString(folder.resolve("scope.yaml"), "clients:\n  - name: a\n    key_sha256: "
        + ClientKeys.sha256("k") + "\n    scopes: [root]\n");
    e = assertThrows(IllegalArgumentException.class, () -> ClientKeys.load(scope));
    assertTrue(e.getMessage().contains("clients[0].scopes: unknown scope 'root'"), e.getMessage());
  }
}
