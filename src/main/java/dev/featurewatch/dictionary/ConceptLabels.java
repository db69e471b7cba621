package dev.featurewatch.dictionary;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which concepts each scored token carries, numbered like {@link FeatureColumns} numbers them: per
 * concept, the tokens inside a positive span (the Golden Gate Bridge mentioned) and the tokens
 * inside a hard-negative span (a distractor: the Sydney Harbour Bridge). Most tokens carry no
 * concept, so each token's concepts are kept as a short list (compressed rows), not as one flag
 * per concept.
 *
 * <p>A token both positive and hard-negative for one concept counts as positive. Not thread-safe
 * while filling.
 */
public final class ConceptLabels {
  private final List<String> names = new ArrayList<>();
  private final Map<String, Integer> ids = new HashMap<>();
  private final Rows positives = new Rows();
  private final Rows hardNegatives = new Rows();
  private long[] positiveCounts = new long[0];
  private long[] hardNegativeCounts = new long[0];

  /** The number of a concept, registering it on first sight. */
  public int concept(String name) {
    Integer id = ids.get(name);
    if (id == null) {
      if (name == null || name.isEmpty()) {
        throw new IllegalArgumentException("a concept needs a name");
      }
      id = names.size();
      names.add(name);
      ids.put(name, id);
      positiveCounts = Arrays.copyOf(positiveCounts, names.size());
      hardNegativeCounts = Arrays.copyOf(hardNegativeCounts, names.size());
    }
    return id;
  }

  /**
   * Adds the next scored token.
   *
   * @param positiveConcepts numbers of the concepts it is a positive of
   * @param hardNegativeConcepts numbers of the concepts it is a hard negative of
   * @return the token's number
   */
  public int add(int[] positiveConcepts, int[] hardNegativeConcepts) {
    int[] pos = distinct(positiveConcepts);
    int[] hard = Arrays.stream(distinct(hardNegativeConcepts)).filter(c -> Arrays.binarySearch(pos, c) < 0).toArray();
    for (int c : pos) {
      positiveCounts[checked(c)]++;
    }
    for (int c : hard) {
      hardNegativeCounts[checked(c)]++;
    }
    hardNegatives.add(hard);
    return positives.add(pos);
  }

  private int checked(int concept) {
    if (concept < 0 || concept >= names.size()) {
      throw new IllegalArgumentException("concept " + concept + " is not registered");
    }
    return concept;
  }

  private static int[] distinct(int[] concepts) {
    return concepts.length == 0 ? concepts : Arrays.stream(concepts).sorted().distinct().toArray();
  }

  /** Number of tokens added. */
  public int tokenCount() {
    return positives.count;
  }

  /** Concept names by number. */
  public List<String> concepts() {
    return List.copyOf(names);
  }

  /** Number of concepts. */
  public int conceptCount() {
    return names.size();
  }

  /** Tokens positive for {@code concept}. */
  public long positiveCount(int concept) {
    return positiveCounts[concept];
  }

  /** Tokens hard-negative for {@code concept} (and not positive for it). */
  public long hardNegativeCount(int concept) {
    return hardNegativeCounts[concept];
  }

  /** The concepts token {@code token} is a positive of, ascending. */
  public int[] positivesOf(int token) {
    return positives.row(token);
  }

  /** The concepts token {@code token} is a hard negative of, ascending. */
  public int[] hardNegativesOf(int token) {
    return hardNegatives.row(token);
  }

  // Package-private raw access for the AUROC loop, which runs once per feature per token.
  int rowStart(boolean positive, int token) {
    return (positive ? positives : hardNegatives).starts[token];
  }

  int rowEnd(boolean positive, int token) {
    return (positive ? positives : hardNegatives).starts[token + 1];
  }

  int conceptAt(boolean positive, int slot) {
    return (positive ? positives : hardNegatives).concepts[slot];
  }

  /** Compressed rows: token t's concepts are concepts[starts[t], starts[t + 1]). */
  private static final class Rows {
    int[] starts = new int[1024];
    int[] concepts = new int[64];
    int count;
    int used;

    int add(int[] row) {
      if (count + 2 > starts.length) {
        starts = Arrays.copyOf(starts, starts.length * 2);
      }
      if (used + row.length > concepts.length) {
        concepts = Arrays.copyOf(concepts, Math.max(concepts.length * 2, used + row.length));
      }
      System.arraycopy(row, 0, concepts, used, row.length);
      used += row.length;
      starts[count + 1] = used;
      return count++;
    }

    int[] row(int token) {
      if (token < 0 || token >= count) {
        throw new IndexOutOfBoundsException("token " + token + " of " + count);
      }
      return Arrays.copyOfRange(concepts, starts[token], starts[token + 1]);
    }
  }
}
