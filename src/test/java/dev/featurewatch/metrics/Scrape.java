package dev.featurewatch.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A parsed Prometheus text-format (0.0.4) scrape: samples by name and labels, and TYPE lines. */
final class Scrape {
  /** One sample: metric name, labels, value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  final String text;
  final List<Sample> samples = new ArrayList<>();
  final Map<String, String> types = new LinkedHashMap<>();

  Scrape(String text) {
    this.text = text;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring(7).split(" ");
        types.put(parts[0], parts[1]);
      } else if (!line.startsWith("#")) {
        samples.add(parseSample(line));
      }
    }
  }

  /** The value of the one sample with this name and exactly these labels, or NaN when absent. */
  double value(String name, String... labelPairs) {
    Map<String, String> wanted = new TreeMap<>();
    for (int i = 0; i < labelPairs.length; i += 2) {
      wanted.put(labelPairs[i], labelPairs[i + 1]);
    }
    return samples.stream()
        .filter(s -> s.name.equals(name) && new TreeMap<>(s.labels).equals(wanted))
        .mapToDouble(Sample::value)
        .reduce((a, b) -> {
          throw new AssertionError("two samples " + name + wanted);
        })
        .orElse(Double.NaN);
  }

  /** Every sample of {@code name}. */
  List<Sample> samples(String name) {
    return samples.stream().filter(s -> s.name.equals(name)).toList();
  }

  private static Sample parseSample(String line) {
    int brace = line.indexOf('{');
    int space;
    String name;
    Map<String, String> labels = new LinkedHashMap<>();
    if (brace >= 0 && brace < line.indexOf(' ')) {
      name = line.substring(0, brace);
      int i = brace + 1;
      while (line.charAt(i) != '}') {
        int eq = line.indexOf('=', i);
        String label = line.substring(i, eq);
        StringBuilder value = new StringBuilder();
        int j = eq + 2; // skip ="
        while (line.charAt(j) != '"') {
          char c = line.charAt(j);
          if (c == '\\') {
            char next = line.charAt(++j);
            value.append(next == 'n' ? '\n' : next);
          } else {
            value.append(c);
          }
          j++;
        }
        labels.put(label, value.toString());
        i = j + 1;
        if (line.charAt(i) == ',') {
          i++;
        }
      }
      space = i + 1;
    } else {
      space = line.indexOf(' ');
      name = line.substring(0, space);
    }
    String[] rest = line.substring(space).trim().split(" ");
    return new Sample(name, Collections.unmodifiableMap(labels), parseValue(rest[0]));
  }

  private static double parseValue(String v) {
    return switch (v) {
      case "+Inf" -> Double.POSITIVE_INFINITY;
      case "-Inf" -> Double.NEGATIVE_INFINITY;
      case "NaN" -> Double.NaN;
      default -> Double.parseDouble(v);
    };
  }
}
