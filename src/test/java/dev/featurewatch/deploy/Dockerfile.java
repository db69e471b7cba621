package dev.featurewatch.deploy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough of a Dockerfile reader for the checks on deploy/container: instructions with their
 * continuation lines joined and comments dropped, grouped by stage, with {@code ARG} and {@code ENV}
 * values substituted as the builder does ({@code $X}, {@code ${X}}, {@code ${X:-default}}).
 */
final class Dockerfile {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\\}|\\$([A-Za-z_][A-Za-z0-9_]*)");

  /** One instruction: its keyword (upper case), its text after the keyword (substituted), its line. */
  record Instruction(String keyword, String args, int line) {}

  /** One {@code FROM} and what follows it up to the next. */
  record Stage(String name, String from, List<Instruction> instructions) {
    List<Instruction> all(String keyword) {
      return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    Optional<Instruction> last(String keyword) {
      List<Instruction> found = all(keyword);
      return found.isEmpty() ? Optional.empty() : Optional.of(found.get(found.size() - 1));
    }

    /** The stage's environment: every ENV, in order. */
    Map<String, String> env() {
      Map<String, String> out = new LinkedHashMap<>();
      all("ENV").forEach(i -> out.putAll(keyValues(i.args())));
      return out;
    }
  }

  /** A COPY: its options ({@code from}), sources and destination. */
  record Copy(String from, List<String> sources, String destination, int line) {
    boolean fromContext() {
      return from == null;
    }
  }

  final Path path;
  final List<Stage> stages;

  private Dockerfile(Path path, List<Stage> stages) {
    this.path = path;
    this.stages = stages;
  }

  static Dockerfile read(Path path) {
    List<String> lines;
    try {
      lines = Files.readAllLines(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, String> globalArgs = new LinkedHashMap<>();
    List<Stage> stages = new ArrayList<>();
    Map<String, String> vars = new LinkedHashMap<>();
    List<Instruction> current = null;
    StringBuilder text = new StringBuilder();
    int start = 0;
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && text.length() == 0)) {
        continue; // comments (also inside continuations, as Docker does) and blank lines
      }
      if (text.length() == 0) {
        start = i + 1;
      }
      boolean continues = trimmed.endsWith("\\");
      text.append(continues ? trimmed.substring(0, trimmed.length() - 1) : trimmed).append(' ');
      if (continues) {
        continue;
      }
      String instruction = text.toString().strip();
      text.setLength(0);
      if (instruction.isEmpty()) {
        continue;
      }
      int space = instruction.indexOf(' ');
      String keyword = (space < 0 ? instruction : instruction.substring(0, space)).toUpperCase(Locale.ROOT);
      String args = space < 0 ? "" : instruction.substring(space + 1).strip();
      if (keyword.equals("FROM")) {
        vars = new LinkedHashMap<>(globalArgs);
        String substituted = substitute(args, vars);
        String[] parts = substituted.split("\\s+");
        String name = parts.length >= 3 && parts[1].equalsIgnoreCase("AS") ? parts[2] : null;
        current = new ArrayList<>();
        stages.add(new Stage(name, parts[0], current));
        continue;
      }
      if (keyword.equals("ARG")) {
        String[] kv = args.split("=", 2);
        Map<String, String> scope = current == null ? globalArgs : vars;
        String inherited = current == null ? null : globalArgs.get(kv[0]);
        scope.put(kv[0], kv.length == 2 ? substitute(kv[1], scope) : inherited);
      }
      if (current == null) {
        continue; // only ARG may come before the first FROM
      }
      // RUN's, CMD's and ENTRYPOINT's shell variables are the shell's; everything else is substituted.
      boolean substitutes = !List.of("RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK").contains(keyword);
      String value = substitutes ? substitute(args, vars) : args;
      if (keyword.equals("ENV")) {
        vars.putAll(keyValues(value));
      }
      current.add(new Instruction(keyword, value, start));
    }
    if (stages.isEmpty()) {
      throw new IllegalArgumentException(path + ": no FROM");
    }
    return new Dockerfile(path, stages);
  }

  /** The image's stage: the last one. */
  Stage runtime() {
    return stages.get(stages.size() - 1);
  }

  Stage stage(String name) {
    return stages.stream().filter(s -> name.equals(s.name())).findFirst()
        .orElseThrow(() -> new AssertionError(path + ": no stage " + name));
  }

  static String substitute(String text, Map<String, String> vars) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(3);
      String value = vars.get(name);
      if (value == null || value.isEmpty()) {
        value = m.group(2) != null ? m.group(2) : "";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  /** {@code K=V K2="V 2"} (or the old {@code K V}) as a map. */
  static Map<String, String> keyValues(String args) {
    Map<String, String> out = new LinkedHashMap<>();
    List<String> words = words(args);
    if (!words.isEmpty() && !words.get(0).contains("=")) {
      out.put(words.get(0), String.join(" ", words.subList(1, words.size())));
      return out;
    }
    for (String w : words) {
      String[] kv = w.split("=", 2);
      out.put(kv[0], kv.length == 2 ? kv[1] : "");
    }
    return out;
  }

  /** Splits on blanks outside double quotes; the quotes go. */
  static List<String> words(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          out.add(word.toString());
          word.setLength(0);
          any = false;
        }
      } else {
        word.append(c);
        any = true;
      }
    }
    if (any) {
      out.add(word.toString());
    }
    return out;
  }

  /** An exec-form (JSON array) instruction's words. */
  static List<String> execForm(Instruction instruction) {
    try {
      return List.of(JSON.readValue(instruction.args(), String[].class));
    } catch (IOException e) {
      throw new AssertionError("line " + instruction.line() + ": " + instruction.keyword() + " is not in exec form (a JSON array): "
          + instruction.args(), e);
    }
  }

  static List<Copy> copies(Stage stage) {
    List<Copy> out = new ArrayList<>();
    for (Instruction i : stage.all("COPY")) {
      String from = null;
      List<String> paths = new ArrayList<>();
      for (String w : words(i.args())) {
        if (w.startsWith("--from=")) {
          from = w.substring("--from=".length());
        } else if (!w.startsWith("--")) {
          paths.add(w);
        }
      }
      if (paths.size() < 2) {
        throw new AssertionError("line " + i.line() + ": COPY needs a source and a destination: " + i.args());
      }
      out.add(new Copy(from, List.copyOf(paths.subList(0, paths.size() - 1)), paths.get(paths.size() - 1), i.line()));
    }
    return out;
  }
}
