package dev.featurewatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.dictionary.DictionaryIndex;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuleRepositoryTest {
  private static DictionaryIndex index;

  @TempDir
  Path dir;

  @BeforeAll
  static void build() {
    index = TestDictionaries.index();
  }

  @AfterAll
  static void close() {
    index.close();
  }

  private RuleRepository open() throws RuleValidationException {
    return RuleRepository.open(dir, new RuleCompiler(index, List.of(), TestDictionaries.D_SAE));
  }

  private static String rule(String id, int feature) {
    return "id: " + id + "\nselect: {features: [" + feature + "]}\ncondition: {threshold: 1}\naction: flag\n";
  }

  private static final String TWO_RULES = """
      # shared header comment
      id: alpha
      select: {features: [1]}
      condition: {threshold: 1}
      action: flag
      ---
      # beta is the second rule
      id: beta
      select: {features: [2]}   # keep this comment
      condition: {threshold: 2}
      action: flag
      """;

  private void write(String name, String text) throws Exception {
    Files.writeString(dir.resolve(name), text);
  }

  private void writeAtomically(String name, String text) throws Exception {
    Path tmp = dir.resolve("." + name + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  private String file(String name) throws Exception {
    return Files.readString(dir.resolve(name));
  }

  @Test
  void loadsEveryRuleFileInNameOrderAndIgnoresOthers() throws Exception {
    write("b.yaml", rule("from-b", 1));
    write("a.yml", TWO_RULES);
    write("notes.txt", "not a rule");
    write(".hidden.yaml", "broken: [");
    RuleRepository repo = open();
    assertEquals(List.of("alpha", "beta", "from-b"), repo.current().rules().stream().map(CompiledRule::id).toList());
  }

  @Test
  void anInvalidFolderCannotBeOpened() throws Exception {
    write("a.yaml", rule("x", 1).replace("threshold: 1", "threshold: high"));
    RuleValidationException e = assertThrows(RuleValidationException.class, this::open);
    assertEquals(dir.resolve("a.yaml") + ":3: condition.threshold: must be a number, got 'high'", e.getMessage());
  }

  @Test
  void aBrokenFileKeepsThePreviousRulesServing() throws Exception {
    write("a.yaml", rule("x", 1));
    RuleRepository repo = open();
    CompiledRules before = repo.current();
    write("a.yaml", rule("x", 1) + "severity: loud\n");
    write("b.yaml", rule("x", 2));
    ReloadResult result = repo.reload();
    assertFalse(result.applied());
    assertSame(before, result.serving());
    assertSame(before, repo.current());
    assertEquals(List.of(
        dir.resolve("a.yaml") + ":5: severity: must be info, warning or critical, got 'loud'"),
        result.errors().stream().map(RuleProblem::toString).toList(), "parse errors come before cross-file checks");
    write("a.yaml", rule("x", 1));
    result = repo.reload();
    assertEquals(List.of(dir.resolve("b.yaml") + ":1: id: duplicate id 'x', also defined at " + dir.resolve("a.yaml") + ":1"),
        result.errors().stream().map(RuleProblem::toString).toList());
    assertSame(before, repo.current());
    Files.delete(dir.resolve("b.yaml"));
    write("c.yaml", rule("y", 3));
    result = repo.reload();
    assertTrue(result.applied());
    assertEquals(List.of("x", "y"), repo.current().rules().stream().map(CompiledRule::id).toList());
  }

  @Test
  void reloadReportsWarnings() throws Exception {
    write("a.yaml", "id: q\nselect: {query: 'label:unicorn'}\ncondition: {threshold: 1}\naction: flag\n");
    RuleRepository repo = open();
    ReloadResult result = repo.reload();
    assertTrue(result.applied());
    assertEquals(List.of(dir.resolve("a.yaml") + ":2: select.query: 'label:unicorn' matches no feature in the dictionary; the"
        + " rule cannot fire"), result.warnings().stream().map(RuleProblem::toString).toList());
  }

  @Test
  void listenersHearEverySnapshotThatStartsServing() throws Exception {
    write("a.yaml", rule("x", 1));
    RuleRepository repo = open();
    List<List<String>> heard = new java.util.ArrayList<>();
    repo.addListener(rules -> heard.add(rules.rules().stream().map(CompiledRule::id).toList()));
    repo.put("y", rule("y", 2));
    write("b.yaml", rule("z", 3));
    repo.reload();
    write("c.yaml", "broken: [");
    repo.reload(); // refused: nothing new serves, nobody hears of it
    Files.delete(dir.resolve("c.yaml"));
    repo.delete("x");
    assertEquals(List.of(List.of("x", "y"), List.of("x", "z", "y"), List.of("z", "y")), heard);
  }

  @Test
  void putCreatesAFileOfItsOwn() throws Exception {
    write("a.yaml", TWO_RULES);
    RuleRepository repo = open();
    assertTrue(repo.put("gamma", rule("gamma", 3)));
    assertEquals(rule("gamma", 3), file("gamma.yaml"));
    assertEquals(List.of(3), ((Selection.Features) repo.get("gamma").orElseThrow().selection()).ids());
    assertEquals(TWO_RULES, file("a.yaml"));
  }

  @Test
  void putReplacesOneRuleInASharedFileKeepingTheRestByteForByte() throws Exception {
    write("a.yaml", TWO_RULES);
    RuleRepository repo = open();
    assertFalse(repo.put("alpha", rule("alpha", 5)));
    // alpha's document (with the comment above it) is replaced; beta's is untouched.
    assertEquals(rule("alpha", 5) + TWO_RULES.substring(TWO_RULES.indexOf("---\n")), file("a.yaml"));
    assertFalse(repo.put("beta", rule("beta", 6)));
    assertEquals(rule("alpha", 5) + "---\n" + rule("beta", 6), file("a.yaml"), "beta keeps its document marker");
    assertEquals(List.of(6), ((Selection.Features) repo.get("beta").orElseThrow().selection()).ids());
    assertEquals("---\n" + rule("beta", 6), repo.source("beta").orElseThrow());
  }

  @Test
  void putValidatesBeforeWriting() throws Exception {
    write("a.yaml", TWO_RULES);
    write("b.yaml", rule("other", 1));
    RuleRepository repo = open();
    CompiledRules before = repo.current();
    RuleValidationException bad = assertThrows(RuleValidationException.class,
        () -> repo.put("alpha", rule("alpha", 1).replace("flag", "explode")));
    assertEquals(List.of(dir.resolve("a.yaml") + ":4: action: must be flag, alert, block or steer, got 'explode'"),
        bad.problems().stream().map(RuleProblem::toString).toList(), "lines are the body's own");
    RuleValidationException renamed = assertThrows(RuleValidationException.class, () -> repo.put("alpha", rule("beta", 1)));
    assertEquals(dir.resolve("a.yaml") + ":1: id: is 'beta' but the rule being written is 'alpha'", renamed.getMessage());
    RuleValidationException tooWide = assertThrows(RuleValidationException.class, () -> repo.put("new", rule("new", 99)));
    assertEquals(dir.resolve("new.yaml") + ":2: select.features[0]: feature 99 is outside the SAE (d_sae 16)",
        tooWide.getMessage());
    RuleValidationException two = assertThrows(RuleValidationException.class,
        () -> repo.put("alpha", rule("alpha", 1) + "---\n" + rule("alpha2", 1)));
    assertEquals(dir.resolve("a.yaml") + ":1: document: must hold exactly one rule, holds 2", two.getMessage());
    RuleValidationException escape = assertThrows(RuleValidationException.class, () -> repo.put("../x", rule("x", 1)));
    assertEquals(dir + ":1: id: must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit, got"
        + " '../x'", escape.getMessage());
    assertEquals(TWO_RULES, file("a.yaml"));
    assertFalse(Files.exists(dir.resolve("new.yaml")));
    assertSame(before, repo.current());
  }

  @Test
  void putCanRepairABrokenRuleInPlace() throws Exception {
    write("a.yaml", TWO_RULES);
    RuleRepository repo = open();
    write("a.yaml", TWO_RULES.replace("threshold: 2", "threshold: two"));
    assertFalse(repo.reload().applied());
    assertFalse(repo.put("beta", rule("beta", 2)), "the broken beta is found by its id and replaced");
    assertEquals(List.of("alpha", "beta"), repo.current().rules().stream().map(CompiledRule::id).toList());
  }

  @Test
  void deleteRemovesTheDocumentAndThenTheFile() throws Exception {
    write("a.yaml", TWO_RULES);
    RuleRepository repo = open();
    assertTrue(repo.delete("alpha"));
    assertEquals(TWO_RULES.substring(TWO_RULES.indexOf("---\n")), file("a.yaml"));
    assertEquals(List.of("beta"), repo.current().rules().stream().map(CompiledRule::id).toList());
    assertFalse(repo.delete("alpha"));
    assertTrue(repo.delete("beta"));
    assertFalse(Files.exists(dir.resolve("a.yaml")));
    assertEquals(0, repo.current().size());
  }

  @Test
  void validateAppliesNothing() throws Exception {
    write("a.yaml", TWO_RULES);
    RuleRepository repo = open();
    CompiledRules before = repo.current();
    Validation ok = repo.validate("id: q\nselect: {query: 'label:unicorn'}\ncondition: {threshold: 1}\naction: flag\n");
    assertTrue(ok.isValid());
    assertEquals(List.of("body:2: select.query: 'label:unicorn' matches no feature in the dictionary; the rule cannot fire"),
        ok.warnings().stream().map(RuleProblem::toString).toList());
    Validation bad = repo.validate(rule("q", 1) + "hold_back: -2\n");
    assertEquals(List.of("body:5: hold_back: must be from 1 to 1024, got -2"),
        bad.errors().stream().map(RuleProblem::toString).toList());
    assertEquals(List.of("body:1: document: holds no rule"),
        repo.validate("# nothing\n").errors().stream().map(RuleProblem::toString).toList());
    assertSame(before, repo.current());
    assertEquals(TWO_RULES, file("a.yaml"));
  }

  @Test
  void aFolderThatDisappearsKeepsTheRulesServing() throws Exception {
    Path sub = Files.createDirectory(dir.resolve("rules"));
    Files.writeString(sub.resolve("a.yaml"), rule("x", 1));
    RuleRepository repo = RuleRepository.open(sub, new RuleCompiler(null, List.of(), 0));
    Files.delete(sub.resolve("a.yaml"));
    Files.delete(sub);
    ReloadResult result = repo.reload();
    assertFalse(result.applied());
    assertEquals(List.of(sub + ":1: folder: rules folder " + sub + " does not exist or is not a folder"),
        result.errors().stream().map(RuleProblem::toString).toList());
    assertEquals(1, repo.current().size());
  }

  @Test
  void aMissingFolderIsAnIoError() {
    assertThrows(java.io.UncheckedIOException.class, () -> RuleRepository.open(dir.resolve("nope"),
        new RuleCompiler(null, List.of(), 0)));
  }

  @Test
  void theWatcherReloadsOnceTheFolderIsQuiet() throws Exception {
    write("a.yaml", rule("x", 1));
    RuleRepository repo = open();
    BlockingQueue<ReloadResult> results = new LinkedBlockingQueue<>();
    RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(repo, Duration.ofMillis(200), results::add);
    try {
      // Written aside and moved in, as editors and deployments do: one event, never half a file.
      writeAtomically("b.yaml", rule("y", 2));
      ReloadResult applied = results.poll(20, TimeUnit.SECONDS);
      assertTrue(applied != null && applied.applied(), "reloaded after the change");
      assertEquals(List.of("x", "y"), repo.current().rules().stream().map(CompiledRule::id).toList());
      writeAtomically("b.yaml", "id: y\nselect: [");
      ReloadResult rejected = results.poll(20, TimeUnit.SECONDS);
      assertTrue(rejected != null && !rejected.applied());
      assertTrue(rejected.errors().get(0).toString().startsWith(dir.resolve("b.yaml") + ":"), rejected.errors().toString());
      assertEquals(List.of("x", "y"), repo.current().rules().stream().map(CompiledRule::id).toList());
    } finally {
      watcher.close();
    }
  }
}
