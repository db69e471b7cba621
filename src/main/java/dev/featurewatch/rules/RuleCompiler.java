package dev.featurewatch.rules;

import dev.featurewatch.dictionary.DictionaryIndex;
import dev.featurewatch.search.InvalidQueryException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves parsed rules against what the server has loaded (the dictionary's Lucene index, the
 * probes, the SAE's width) into a {@link CompiledRules} snapshot. All Lucene work happens here,
 * once per load, never per token.
 *
 * <p>Errors (the rule set is rejected): duplicate ids (naming both places), a query the index
 * cannot parse or that names an unknown field, a query rule without a dictionary, a feature index
 * outside the SAE, an unknown probe. A query that parses but matches no feature is a warning: the
 * rule loads and cannot fire. Rule files are shared between SAEs and dictionaries, and a dictionary
 * rebuilt without some label should not take every other rule down with it; the warning is in
 * {@link CompiledRules#warnings()}, in reload results and in validation answers.
 */
public final class RuleCompiler {
  /** Feature indices at or above this are refused even when the SAE's width is unknown (the map is dense). */
  public static final int MAX_FEATURE = 1 << 24;

  private final DictionaryIndex dictionary;
  private final List<String> probeNames;
  private final int dSae;

  /**
   * @param dictionary the index queries run against, or null when the server has no dictionary
   *     (query rules are then errors)
   * @param probeNames the loaded probes, in the order their scores will be passed per token
   * @param dSae the SAE's width, or 0 when unknown (feature indices then unchecked)
   */
  public RuleCompiler(DictionaryIndex dictionary, List<String> probeNames, int dSae) {
    this.dictionary = dictionary;
    this.probeNames = List.copyOf(probeNames);
    this.dSae = dSae;
  }

  /**
   * Compiles rules (in the order given) into one snapshot.
   *
   * @throws RuleValidationException with every error found, in file and line order
   */
  public CompiledRules compile(List<RuleDefinition> definitions) throws RuleValidationException {
    List<RuleProblem> errors = new ArrayList<>();
    List<RuleProblem> warnings = new ArrayList<>();
    Map<String, RuleDefinition> seen = new HashMap<>();
    List<CompiledRule> compiled = new ArrayList<>();
    for (RuleDefinition d : definitions) {
      RuleDefinition first = seen.putIfAbsent(d.id(), d);
      if (first != null) {
        errors.add(new RuleProblem(d.origin().file(), d.origin().line(), "id",
            "duplicate id '" + d.id() + "', also defined at " + first.origin()));
        continue;
      }
      CompiledRule rule = resolve(d, compiled.size(), errors, warnings);
      if (rule != null) {
        compiled.add(rule);
      }
    }
    if (!errors.isEmpty()) {
      throw new RuleValidationException(sorted(errors));
    }
    return new CompiledRules(compiled, featureMap(compiled), probeRules(compiled), probeNames, sorted(warnings));
  }

  private CompiledRule resolve(RuleDefinition d, int ordinal, List<RuleProblem> errors, List<RuleProblem> warnings) {
    RuleOrigin at = d.origin();
    Selection s = d.selection();
    if (s instanceof Selection.Features f) {
      int[] ids = f.ids().stream().mapToInt(Integer::intValue).toArray();
      for (int i = 0; i < ids.length; i++) {
        int limit = dSae > 0 ? dSae : MAX_FEATURE;
        if (ids[i] >= limit) {
          errors.add(new RuleProblem(at.file(), at.selectionLine(), "select.features[" + i + "]",
              "feature " + ids[i] + " is outside the SAE (" + (dSae > 0 ? "d_sae " + dSae : "at most " + MAX_FEATURE) + ")"));
          return null;
        }
      }
      return new CompiledRule(ordinal, d, ids, -1);
    }
    if (s instanceof Selection.Query q) {
      if (dictionary == null) {
        errors.add(new RuleProblem(at.file(), at.selectionLine(), "select.query",
            "no feature dictionary is loaded to run the query against; select features by id instead"));
        return null;
      }
      int[] ids;
      try {
        ids = dictionary.featureIds(q.query());
      } catch (InvalidQueryException e) {
        errors.add(new RuleProblem(at.file(), at.selectionLine(), "select.query", e.getMessage()));
        return null;
      }
      if (ids.length == 0) {
        warnings.add(new RuleProblem(at.file(), at.selectionLine(), "select.query",
            "'" + q.query() + "' matches no feature in the dictionary; the rule cannot fire"));
      }
      int limit = dSae > 0 ? dSae : MAX_FEATURE;
      ids = Arrays.stream(ids).filter(i -> i < limit).toArray();
      return new CompiledRule(ordinal, d, ids, -1);
    }
    String probe = ((Selection.Probe) s).name();
    int slot = probeNames.indexOf(probe);
    if (slot < 0) {
      errors.add(new RuleProblem(at.file(), at.selectionLine(), "select.probe", "no probe named '" + probe + "' is loaded ("
          + (probeNames.isEmpty() ? "none are" : "loaded: " + String.join(", ", probeNames)) + ")"));
      return null;
    }
    return new CompiledRule(ordinal, d, new int[0], slot);
  }

  /** feature → ordinals of the rules that read it, as arrays indexed by feature (dense up to the largest). */
  private static int[][] featureMap(List<CompiledRule> rules) {
    int max = -1;
    for (CompiledRule r : rules) {
      for (int f : r.features()) {
        max = Math.max(max, f);
      }
    }
    List<List<Integer>> lists = new ArrayList<>();
    for (int i = 0; i <= max; i++) {
      lists.add(null);
    }
    for (CompiledRule r : rules) {
      for (int f : r.features()) {
        if (lists.get(f) == null) {
          lists.set(f, new ArrayList<>());
        }
        lists.get(f).add(r.ordinal());
      }
    }
    int[][] map = new int[max + 1][];
    for (int i = 0; i <= max; i++) {
      if (lists.get(i) != null) {
        map[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
      }
    }
    return map;
  }

  private static int[] probeRules(List<CompiledRule> rules) {
    return rules.stream().filter(CompiledRule::readsProbe).mapToInt(CompiledRule::ordinal).toArray();
  }

  static List<RuleProblem> sorted(List<RuleProblem> problems) {
    List<RuleProblem> out = new ArrayList<>(problems);
    out.sort(Comparator.comparing(RuleProblem::file).thenComparingInt(RuleProblem::line));
    return out;
  }
}
