package dev.featurewatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.featurewatch.dictionary.DictionaryIndex;
import dev.featurewatch.sae.FeatureIntervention;
import dev.featurewatch.sae.FeatureIntervention.Kind;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SteeringRequestTest {
  private static DictionaryIndex index;
  private static SteeringRequest steering;

  @BeforeAll
  static void build() {
    index = TestDictionaries.index();
    steering = new SteeringRequest(index, TestDictionaries.D_SAE);
  }

  @AfterAll
  static void close() {
    index.close();
  }

  @Test
  void featuresAndQueriesBecomeInterventionsFromTheStart() {
    List<FeatureIntervention> out = steering.parse("""
        [{"feature": 12, "mode": "pin", "value": 0},
         {"query": "label:\\"golden gate\\"", "mode": "mul", "value": 10},
         {"query": "label:deception", "mode": "nudge", "value": -2.5},
         {"feature": 5, "mode": "ablate"}]
        """);
    assertEquals(List.of(
        new FeatureIntervention(12, Kind.PIN, 0f, 0),
        new FeatureIntervention(0, Kind.MUL, 10f, 0),
        new FeatureIntervention(2, Kind.NUDGE, -2.5f, 0),
        new FeatureIntervention(3, Kind.NUDGE, -2.5f, 0),
        new FeatureIntervention(5, Kind.ABLATE, 0f, 0)), out);
    assertEquals(List.of(), steering.parse("null"));
    assertEquals(List.of(), steering.parse("[]"));
  }

  private static void assertRejected(String param, String message, String json) {
    InvalidSteeringException e = assertThrows(InvalidSteeringException.class, () -> steering.parse(json));
    assertEquals(param, e.param());
    assertEquals(param + ": " + message, e.getMessage());
  }

  @Test
  void badItemsNameTheItemAndField() {
    assertRejected("featurewatch.steer", "must be an array of {feature|query, mode, value}, got an object", "{\"feature\": 1}");
    assertRejected("featurewatch.steer[1]", "must be an object {feature|query, mode, value}, got 3",
        "[{\"feature\": 1, \"mode\": \"pin\", \"value\": 0}, 3]");
    assertRejected("featurewatch.steer[0]", "needs feature (an index) or query (a dictionary query)",
        "[{\"mode\": \"pin\", \"value\": 0}]");
    assertRejected("featurewatch.steer[0]", "has both feature and query; give one",
        "[{\"feature\": 1, \"query\": \"label:x\", \"mode\": \"pin\", \"value\": 0}]");
    assertRejected("featurewatch.steer[0].feature", "must be a feature index (a whole number >= 0), got -1",
        "[{\"feature\": -1, \"mode\": \"pin\", \"value\": 0}]");
    assertRejected("featurewatch.steer[0].feature", "must be a feature index (a whole number >= 0), got \"7\"",
        "[{\"feature\": \"7\", \"mode\": \"pin\", \"value\": 0}]");
    assertRejected("featurewatch.steer[0].feature", "feature 16 is outside the SAE (d_sae 16)",
        "[{\"feature\": 16, \"mode\": \"pin\", \"value\": 0}]");
    assertRejected("featurewatch.steer[0].mode", "must be pin, nudge, mul or ablate, got \"clamp\"",
        "[{\"feature\": 1, \"mode\": \"clamp\", \"value\": 0}]");
    assertRejected("featurewatch.steer[0].mode", "required: pin, nudge, mul or ablate", "[{\"feature\": 1, \"value\": 0}]");
    assertRejected("featurewatch.steer[0].value", "required for pin: a number", "[{\"feature\": 1, \"mode\": \"pin\"}]");
    assertRejected("featurewatch.steer[0].value", "must be a finite number, got \"big\"",
        "[{\"feature\": 1, \"mode\": \"mul\", \"value\": \"big\"}]");
    assertRejected("featurewatch.steer[0].value", "must be a finite number, got 1.0E40",
        "[{\"feature\": 1, \"mode\": \"mul\", \"value\": 1e40}]");
    assertRejected("featurewatch.steer[0].value", "ablate sets the feature to 0 and takes no value",
        "[{\"feature\": 1, \"mode\": \"ablate\", \"value\": 3}]");
    assertRejected("featurewatch.steer[0].strength", "unknown field; use feature or query, mode, value",
        "[{\"feature\": 1, \"mode\": \"pin\", \"strength\": 3}]");
    assertRejected("featurewatch.steer", "not valid JSON", "[{");
  }

  @Test
  void queriesMustParseAndMatch() {
    assertRejected("featurewatch.steer[0].query", "invalid feature query 'lable:x': unknown field lable; fields are label,"
        + " explanation, concept, tokens, index, density, max_activation, confidence",
        "[{\"query\": \"lable:x\", \"mode\": \"pin\", \"value\": 0}]");
    assertRejected("featurewatch.steer[0].query", "'label:unicorn' matches no feature",
        "[{\"query\": \"label:unicorn\", \"mode\": \"pin\", \"value\": 0}]");
    assertRejected("featurewatch.steer[0].query", "must be a non-empty dictionary query, got 5",
        "[{\"query\": 5, \"mode\": \"pin\", \"value\": 0}]");
    InvalidSteeringException e = assertThrows(InvalidSteeringException.class, () -> new SteeringRequest(null, 0)
        .parse("[{\"query\": \"label:deception\", \"mode\": \"pin\", \"value\": 0}]"));
    assertEquals("featurewatch.steer[0].query: no feature dictionary is loaded; steer by feature index", e.getMessage());
  }

  @Test
  void sizeIsBounded() {
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i <= SteeringRequest.MAX_ITEMS; i++) {
      many.append(i > 0 ? "," : "").append("{\"feature\": 1, \"mode\": \"pin\", \"value\": 0}");
    }
    assertRejected("featurewatch.steer", "at most 64 items, got 65", many.append("]").toString());
  }
}
