package dev.featurewatch.server;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The server's settings: defaults, then a YAML file, then environment variables, then command-line
 * options, each overriding the one before. A setting is a dotted key ({@code server.port}); its
 * environment variable is {@code FEATUREWATCH_} + the key in capitals with dots as underscores
 * ({@code FEATUREWATCH_SERVER_PORT}). An unknown key or a value of the wrong kind is an error that
 * names where it came from, so a typo in a config file never silently falls back to a default.
 */
public final class ServerConfig {
  /** Every setting and its default (null: none). */
  static final Map<String, String> DEFAULTS;

  static {
    Map<String, String> d = new LinkedHashMap<>();
    d.put("server.host", "127.0.0.1");
    d.put("server.port", "8080");
    d.put("server.body_limit_bytes", "1048576");
    d.put("server.public_url", null);
    d.put("server.idle_timeout_seconds", "120");
    d.put("server.cors_origins", null);
    d.put("server.tls_cert_path", null);
    d.put("server.tls_key_path", null);
    d.put("security.keys_path", null);
    d.put("model.path", "organism/model");
    d.put("model.id", null);
    d.put("model.device", "auto");
    d.put("sae.path", "dictionaries/organism");
    d.put("sae.hook", null);
    d.put("dictionary.path", "dictionaries/organism/dictionary.jsonl");
    d.put("probes.path", "organism/probes");
    d.put("rules.path", "rules");
    d.put("rules.watch", "true");
    d.put("engine.threads", "4");
    d.put("engine.batch_decode", "true");
    d.put("engine.max_batch", "32");
    d.put("engine.queue", "16");
    d.put("engine.timeout_seconds", "120");
    d.put("engine.max_prompt_tokens", null);
    d.put("engine.shutdown_grace_seconds", "30");
    d.put("audit.path", "audit");
    d.put("audit.durability", "sync");
    d.put("audit.on_failure", "closed");
    d.put("alerts.alertmanager_url", null);
    d.put("alerts.webhook_url", null);
    d.put("alerts.webhook_token", null);
    DEFAULTS = java.util.Collections.unmodifiableMap(d);
  }

  private final Map<String, String> values;
  private final Map<String, String> origins;

  private ServerConfig(Map<String, String> values, Map<String, String> origins) {
    this.values = values;
    this.origins = origins;
  }

  /**
   * Reads the layers.
   *
   * @param file a YAML file, or null
   * @param environment the process environment (a parameter so tests can give their own)
   * @param overrides command-line values by key; null values are ignored
   */
  public static ServerConfig load(Path file, Map<String, String> environment, Map<String, String> overrides) {
    Map<String, String> values = new TreeMap<>();
    Map<String, String> origins = new TreeMap<>();
    DEFAULTS.forEach((k, v) -> {
      values.put(k, v);
      origins.put(k, "default");
    });
    if (file != null) {
      readYaml(file).forEach((k, v) -> {
        values.put(k, v);
        origins.put(k, file.toString());
      });
    }
    for (String key : DEFAULTS.keySet()) {
      String env = environmentName(key);
      if (environment.containsKey(env)) {
        values.put(key, environment.get(env));
        origins.put(key, "environment variable " + env);
      }
    }
    overrides.forEach((k, v) -> {
      if (v != null) {
        requireKnown(k, "command line");
        values.put(k, v);
        origins.put(k, "command line");
      }
    });
    return new ServerConfig(values, origins);
  }

  static String environmentName(String key) {
    return "FEATUREWATCH_" + key.replace('.', '_').toUpperCase(Locale.ROOT);
  }

  private static Map<String, String> readYaml(Path file) {
    Object root;
    try (Reader in = Files.newBufferedReader(file)) {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read config " + file + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(file + ": not valid YAML: " + e.getMessage(), e);
    }
    Map<String, String> flat = new TreeMap<>();
    if (root == null) {
      return flat;
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException(file + ": the config must be a mapping of sections (server:, model:, ...)");
    }
    flatten("", map, flat, file);
    return flat;
  }

  private static void flatten(String prefix, Map<?, ?> map, Map<String, String> out, Path file) {
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = prefix + e.getKey();
      if (e.getValue() instanceof Map<?, ?> inner) {
        flatten(key + ".", inner, out, file);
      } else {
        requireKnown(key, file.toString());
        out.put(key, e.getValue() == null ? null : String.valueOf(e.getValue()));
      }
    }
  }

  private static void requireKnown(String key, String origin) {
    if (!DEFAULTS.containsKey(key)) {
      throw new IllegalArgumentException(origin + ": unknown setting '" + key + "'; known settings: "
          + String.join(", ", DEFAULTS.keySet()));
    }
  }

  /** A setting's text, or null when unset. */
  public String string(String key) {
    requireKnown(key, "code");
    String v = values.get(key);
    return v == null || v.isBlank() ? null : v;
  }

  public Path path(String key) {
    String v = string(key);
    return v == null ? null : Path.of(v);
  }

  public int integer(String key, int min, int max) {
    String v = string(key);
    try {
      int n = Integer.parseInt(v == null ? "" : v.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(origins.get(key) + ": " + key + " must be a whole number from " + min + " to " + max
        + ", got '" + v + "'");
  }

  public boolean bool(String key) {
    String v = string(key);
    if ("true".equalsIgnoreCase(v) || "false".equalsIgnoreCase(v)) {
      return Boolean.parseBoolean(v);
    }
    throw new IllegalArgumentException(origins.get(key) + ": " + key + " must be true or false, got '" + v + "'");
  }

  public Duration seconds(String key) {
    return Duration.ofSeconds(integer(key, 1, 24 * 3600));
  }

  /** One of {@code allowed}, lower case. */
  public String choice(String key, Set<String> allowed) {
    String v = string(key);
    if (v != null && allowed.contains(v.toLowerCase(Locale.ROOT))) {
      return v.toLowerCase(Locale.ROOT);
    }
    throw new IllegalArgumentException(origins.get(key) + ": " + key + " must be one of " + allowed + ", got '" + v + "'");
  }

  /** Where a setting's value came from (for the start-up summary). */
  public String origin(String key) {
    return origins.get(key);
  }
}
