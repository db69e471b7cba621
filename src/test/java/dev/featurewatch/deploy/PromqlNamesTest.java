package dev.featurewatch.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromqlNamesTest {
  @Test
  void namesAreWhatIsLeftOnceFunctionsLabelsRangesAndNumbersAreOut() {
    assertEquals(Set.of("featurewatch_x_bucket"), PromqlNames.of(
        "histogram_quantile(0.99, sum by (job, le) (rate(featurewatch_x_bucket{route=~\"/v1/(a|b)\", le!=\"1e3\"}[5m])))"));
    assertEquals(Set.of("a_total", "b_total", "featurewatch:c:rate5m"), PromqlNames.of(
        "sum(rate(a_total[$__rate_interval])) / ignoring (feature) group_left sum(b_total offset 1h)"
            + " > 3 * featurewatch:c:rate5m and on(job) a_total > bool 1e-3"));
    assertEquals(Set.of("up"), PromqlNames.of("absent(up{job=\"featurewatch\", instance=~\"$instance\"}) or vector(0)"));
    assertEquals(Set.of("featurewatch_http_requests_total"),
        PromqlNames.of("label_values(featurewatch_http_requests_total{job=\"$job\"}, instance)"));
    assertEquals(Set.of("m"), PromqlNames.of("max_over_time(m[1h:5m]) * ${scale}"));
  }
}
