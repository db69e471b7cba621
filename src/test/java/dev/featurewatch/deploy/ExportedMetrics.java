package dev.featurewatch.deploy;

import java.util.Set;
import java.util.TreeSet;

/** The metric names in a Prometheus text-format scrape: every sample's name and every family's. */
final class ExportedMetrics {
  private ExportedMetrics() {}

  static Set<String> names(String scrape) {
    Set<String> names = new TreeSet<>();
    for (String line : scrape.split("\n")) {
      if (line.startsWith("# TYPE ")) {
        String[] parts = line.substring("# TYPE ".length()).split(" ");
        names.add(parts[0]);
        if (parts[1].equals("histogram") || parts[1].equals("summary")) {
          // A family with no child yet has no samples, but these are the names its samples will have.
          names.add(parts[0] + "_count");
          names.add(parts[0] + "_sum");
          if (parts[1].equals("histogram")) {
            names.add(parts[0] + "_bucket");
          }
        }
      } else if (!line.isBlank() && !line.startsWith("#")) {
        int end = line.indexOf('{');
        names.add(line.substring(0, end >= 0 ? end : line.indexOf(' ')));
      }
    }
    return names;
  }
}
