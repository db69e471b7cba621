package dev.featurewatch.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.featurewatch.dictionary.DictionaryIndex;
import dev.featurewatch.testing.ConfigMapVolume;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules served from a Kubernetes ConfigMap volume: the files are symbolic links through
 * {@code ..data}, and an update swaps {@code ..data} to a new timestamped folder without touching the
 * {@code *.yaml} links (see {@link ConfigMapVolume}).
 */
class ConfigMapRulesTest {
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

  private static String rule(String id, int feature) {
    return "id: " + id + "\nselect: {features: [" + feature + "]}\ncondition: {threshold: 1}\naction: flag\n";
  }

  private RuleRepository open(Path folder) throws RuleValidationException {
    return RuleRepository.open(folder, new RuleCompiler(index, List.of(), TestDictionaries.D_SAE));
  }

  private static List<String> ids(RuleRepository repo) {
    return repo.current().rules().stream().map(CompiledRule::id).toList();
  }

  private static Map<String, String> files(String... nameAndText) {
    Map<String, String> out = new LinkedHashMap<>();
    for (int i = 0; i < nameAndText.length; i += 2) {
      out.put(nameAndText[i], nameAndText[i + 1]);
    }
    return out;
  }

  @Test
  void theLinkedFilesAreReadAndTheVolumesHiddenEntriesAreNot() throws Exception {
    ConfigMapVolume volume = ConfigMapVolume.create(dir.resolve("rules"), files("a.yaml", rule("x", 1), "b.yaml", rule("y", 2)));
    try (Stream<Path> s = Files.list(volume.folder())) {
      List<String> entries = s.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(List.of("..2026_11_25_10_00_00.000000001", "..data", "a.yaml", "b.yaml"), entries, "the kubelet's layout");
    }
    assertTrue(Files.isSymbolicLink(volume.folder().resolve("a.yaml")));
    RuleRepository repo = open(volume.folder());
    assertEquals(List.of("x", "y"), ids(repo), "each rule once: the timestamped folder's copies are not read again");
    assertTrue(repo.current().warnings().isEmpty(), repo.current().warnings().toString());
  }

  @Test
  void onlyRuleFilesAndTheDataLinkAreRelevantEvents() {
    assertTrue(RuleDirectoryWatcher.isRelevant("..data"));
    assertTrue(RuleDirectoryWatcher.isRelevant("deception.yaml"));
    assertTrue(RuleDirectoryWatcher.isRelevant("deception.yml"));
    assertFalse(RuleDirectoryWatcher.isRelevant("..data_tmp"), "its rename over ..data is the event");
    assertFalse(RuleDirectoryWatcher.isRelevant("..2026_11_25_10_00_00.123"));
    assertFalse(RuleDirectoryWatcher.isRelevant(".deception.yaml.12.1.tmp"), "our own temporary files");
    assertFalse(RuleDirectoryWatcher.isRelevant("notes.txt"));
  }

  @Test
  void theWatcherReloadsWhenKubernetesSwapsTheDataLink() throws Exception {
    ConfigMapVolume volume = ConfigMapVolume.create(dir.resolve("rules"), files("a.yaml", rule("x", 1), "b.yaml", rule("y", 2)));
    RuleRepository repo = open(volume.folder());
    Path first = volume.currentVersion();
    BlockingQueue<ReloadResult> results = new LinkedBlockingQueue<>();
    RuleDirectoryWatcher watcher = new RuleDirectoryWatcher(repo, Duration.ofMillis(200), results::add);
    try {
      // Same keys, new content: only ..data changes in the watched folder (and the old version goes).
      volume.update(files("a.yaml", rule("x", 1) + "---\n" + rule("z", 3), "b.yaml", rule("y", 2)));
      assertFalse(Files.exists(first), "the old version's folder was deleted after the swap");
      ReloadResult applied = results.poll(20, TimeUnit.SECONDS);
      assertNotNull(applied, "no reload after the ConfigMap update swapped ..data");
      assertTrue(applied.applied(), applied.errors().toString());
      assertEquals(List.of("x", "z", "y"), ids(repo));
      assertEveryLaterReloadApplied(results);
      assertTrue(repo.reload().applied(), "the folder still reads once the old version is gone");
      assertEquals(List.of("x", "z", "y"), ids(repo));

      // A key removed and one added: links go and come around the swap.
      volume.update(files("a.yaml", rule("x", 1), "c.yaml", rule("w", 4)));
      awaitIds(repo, results, List.of("x", "w"));
      assertEveryLaterReloadApplied(results);

      // A broken version is refused and the serving rules stay; the next good one serves.
      volume.update(files("a.yaml", rule("x", 1), "c.yaml", "id: w\nselect: ["));
      ReloadResult rejected = results.poll(20, TimeUnit.SECONDS);
      assertNotNull(rejected);
      assertFalse(rejected.applied());
      assertTrue(rejected.errors().get(0).toString().startsWith(volume.folder().resolve("c.yaml") + ":"), rejected.errors().toString());
      assertEquals(List.of("x", "w"), ids(repo));
      volume.update(files("a.yaml", rule("x", 5)));
      awaitIds(repo, results, List.of("x"));
    } finally {
      watcher.close();
    }
  }

  /** Waits for reloads until the serving rules are {@code expected}; the last reload must have applied. */
  private static void awaitIds(RuleRepository repo, BlockingQueue<ReloadResult> results, List<String> expected)
      throws InterruptedException {
    List<ReloadResult> seen = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!ids(repo).equals(expected) && System.nanoTime() < deadline) {
      ReloadResult r = results.poll(1, TimeUnit.SECONDS);
      if (r != null) {
        seen.add(r);
      }
    }
    assertEquals(expected, ids(repo), "reloads seen: " + seen.size());
  }

  /** Any further reload of the same burst (the old folder's deletion, the links) applied too. */
  private static void assertEveryLaterReloadApplied(BlockingQueue<ReloadResult> results) throws InterruptedException {
    ReloadResult r;
    while ((r = results.poll(600, TimeUnit.MILLISECONDS)) != null) {
      assertTrue(r.applied(), r.errors().toString());
    }
  }

  @Test
  void changesThroughTheApiAreRefusedBecauseTheConfigMapOwnsTheFolder() throws Exception {
    ConfigMapVolume volume = ConfigMapVolume.create(dir.resolve("rules"), files("a.yaml", rule("x", 1)));
    RuleRepository repo = open(volume.folder());
    RulesNotWritableException put = org.junit.jupiter.api.Assertions.assertThrows(RulesNotWritableException.class,
        () -> repo.put("y", rule("y", 2)));
    assertTrue(put.managedElsewhere());
    assertTrue(put.getMessage().contains("ConfigMap"), put.getMessage());
    assertTrue(org.junit.jupiter.api.Assertions.assertThrows(RulesNotWritableException.class, () -> repo.delete("x"))
        .managedElsewhere());
    assertEquals(List.of("x"), ids(repo));
    assertTrue(Files.isSymbolicLink(volume.folder().resolve("a.yaml")), "the link is not replaced by a file");
    assertFalse(Files.exists(volume.folder().resolve("y.yaml")));
  }

  @Test
  void aWriteThatFailsIsReportedAndTheServedRulesStay() throws Exception {
    Path folder = Files.createDirectories(dir.resolve("plain"));
    Files.writeString(folder.resolve("a.yaml"), rule("x", 1));
    Files.createDirectories(folder.resolve("y.yaml").resolve("in-the-way")); // a folder where the new file must go
    RuleRepository repo = open(folder);
    RulesNotWritableException e = org.junit.jupiter.api.Assertions.assertThrows(RulesNotWritableException.class,
        () -> repo.put("y", rule("y", 2)));
    assertFalse(e.managedElsewhere());
    assertTrue(e.getMessage().startsWith("rule y was not saved: "), e.getMessage());
    assertEquals(List.of("x"), ids(repo));
  }
}
