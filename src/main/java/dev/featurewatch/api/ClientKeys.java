package dev.featurewatch.api;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The API keys a server accepts, from a key file that stores only their SHA-256 hashes:
 *
 * <pre>
 * clients:
 *   - name: team-a
 *     key_sha256: 9f86d0…        # sha256 of the key, hex; the key itself is never stored
 *     scopes: [chat, read-audit]  # chat, read-audit, admin
 *     requests_per_minute: 60     # optional, 0 or absent: no limit
 *     tokens_per_minute: 20000    # optional
 * </pre>
 *
 * A presented key is hashed and looked up; keys are random 256-bit strings, so the hash says
 * nothing about any other key and needs no salt. Errors name the file and the field.
 */
public final class ClientKeys {
  /** Prefix of generated keys, so a leaked one is recognisable in logs and scanners. */
  public static final String PREFIX = "fw-";

  private final Map<String, ApiClient> byHash;

  private ClientKeys(Map<String, ApiClient> byHash) {
    this.byHash = Map.copyOf(byHash);
  }

  /** Reads a key file. */
  public static ClientKeys load(Path file) {
    Object root;
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read key file " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    if (!(root instanceof Map<?, ?> top) || !(top.get("clients") instanceof List<?> clients)) {
      throw new IllegalArgumentException(file + ": expected 'clients:' with a list of clients");
    }
    Map<String, ApiClient> byHash = new HashMap<>();
    java.util.Set<String> names = new java.util.HashSet<>();
    for (int i = 0; i < clients.size(); i++) {
      String at = file + ": clients[" + i + "]";
      if (!(clients.get(i) instanceof Map<?, ?> c)) {
        throw new IllegalArgumentException(at + ": expected a mapping with name, key_sha256 and scopes");
      }
      String name = text(c, "name", at);
      String hash = text(c, "key_sha256", at).toLowerCase(java.util.Locale.ROOT);
      if (!hash.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(at + ".key_sha256: expected 64 hex digits (the SHA-256 of the key)");
      }
      if (!names.add(name) || byHash.containsKey(hash)) {
        throw new IllegalArgumentException(at + ": client '" + name + "' or its key appears twice");
      }
      Set<Scope> scopes = EnumSet.noneOf(Scope.class);
      if (!(c.get("scopes") instanceof List<?> listed)) {
        throw new IllegalArgumentException(at + ".scopes: expected a list such as [chat, read-audit]");
      }
      for (Object s : listed) {
        try {
          scopes.add(Scope.of(String.valueOf(s)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(at + ".scopes: " + e.getMessage(), e);
        }
      }
      byHash.put(hash, new ApiClient(name, scopes, number(c, "requests_per_minute", at), number(c, "tokens_per_minute", at)));
    }
    return new ClientKeys(byHash);
  }

  private static String text(Map<?, ?> m, String field, String at) {
    Object v = m.get(field);
    if (!(v instanceof String s) || s.isBlank()) {
      throw new IllegalArgumentException(at + "." + field + ": required, a string");
    }
    return s;
  }

  private static int number(Map<?, ?> m, String field, String at) {
    Object v = m.get(field);
    if (v == null) {
      return 0;
    }
    if (!(v instanceof Integer n) || n < 0) {
      throw new IllegalArgumentException(at + "." + field + ": expected a whole number >= 0, got " + v);
    }
    return n;
  }

  /** The client whose key this is. */
  public Optional<ApiClient> client(String presentedKey) {
    return Optional.ofNullable(byHash.get(sha256(presentedKey)));
  }

  public int size() {
    return byHash.size();
  }

  /** Hex SHA-256 of a key's UTF-8 bytes, as the key file stores it. */
  public static String sha256(String key) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JVM has no SHA-256", e);
    }
  }

  /** A new random key (256 bits, URL-safe). */
  public static String newKey() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
