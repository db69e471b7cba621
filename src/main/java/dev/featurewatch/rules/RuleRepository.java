package dev.featurewatch.rules;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * A folder of rule files and the snapshot compiled from it. Requests read {@link #current()}
 * without locking; {@link #reload()}, {@link #put} and {@link #delete} build a complete new snapshot
 * first and swap it in only when every file is valid, so a broken file never takes the serving rules
 * down. Changes are serialised (a reload from the file watcher and a PUT do not interleave).
 *
 * <p>{@code put} and {@code delete} edit one rule where it lives: in a file holding several rules
 * only that rule's document is replaced or removed, every other byte is kept; a new rule gets a file
 * of its own, {@code <id>.yaml}. Both validate the resulting rule set before anything is written.
 */
public final class RuleRepository {
  private final RuleFolder folder;
  private final RuleCompiler compiler;
  private final RuleFileParser parser = new RuleFileParser();
  private final AtomicReference<CompiledRules> current = new AtomicReference<>();
  private final Object changes = new Object();
  private final List<Consumer<CompiledRules>> listeners = new CopyOnWriteArrayList<>();

  private RuleRepository(Path directory, RuleCompiler compiler) {
    this.folder = new RuleFolder(directory);
    this.compiler = compiler;
  }

  /**
   * Loads a folder of rule files.
   *
   * @throws RuleValidationException with every problem when the files are not valid (there is no
   *     previous snapshot to fall back on)
   * @throws java.io.UncheckedIOException when the folder does not exist
   */
  public static RuleRepository open(Path directory, RuleCompiler compiler) throws RuleValidationException {
    if (!java.nio.file.Files.isDirectory(directory)) {
      throw new java.io.UncheckedIOException(new java.io.IOException("rules folder " + directory
          + " does not exist or is not a folder"));
    }
    RuleRepository repository = new RuleRepository(directory, compiler);
    repository.current.set(repository.build(repository.readAll()));
    return repository;
  }

  public Path directory() {
    return folder.directory();
  }

  /** The snapshot serving now. */
  public CompiledRules current() {
    return current.get();
  }

  /**
   * Calls {@code listener} with every snapshot that starts serving from now on (reload, put,
   * delete), in order, on the thread that made the change (not for the one serving now).
   */
  public void addListener(Consumer<CompiledRules> listener) {
    listeners.add(listener);
  }

  /** Re-reads every file; applies them if all are valid, else keeps the previous snapshot. */
  public ReloadResult reload() {
    synchronized (changes) {
      try {
        CompiledRules next = build(readAll());
        serve(next);
        return new ReloadResult(true, next, List.of(), next.warnings());
      } catch (RuleValidationException e) {
        return new ReloadResult(false, current.get(), e.problems(), List.of());
      }
    }
  }

  /** A serving rule. */
  public Optional<RuleDefinition> get(String id) {
    return current.get().rule(id).map(CompiledRule::definition);
  }

  /** A rule's YAML document as it is written in its file now, if a file holds it. */
  public Optional<String> source(String id) {
    synchronized (changes) {
      return locate(id, readAll()).map(at -> at.documents.get(at.index).text());
    }
  }

  /**
   * Compiles rule text (one or more documents) on its own, against the same dictionary and probes,
   * without applying it: to replay stored traffic under rules that are not serving.
   *
   * @throws RuleValidationException when the text is not a valid rule set
   */
  public CompiledRules compile(String yaml) throws RuleValidationException {
    RuleFileParser.Result parsed = parser.parse("body", yaml);
    if (!parsed.problems().isEmpty()) {
      throw new RuleValidationException(parsed.problems());
    }
    return compiler.compile(parsed.rules());
  }

  /** Checks rule text (one or more documents) on its own, without applying it. */
  public Validation validate(String yaml) {
    RuleFileParser.Result parsed = parser.parse("body", yaml);
    if (!parsed.problems().isEmpty()) {
      return new Validation(parsed.problems(), List.of());
    }
    if (parsed.rules().isEmpty()) {
      return new Validation(List.of(new RuleProblem("body", 1, "document", "holds no rule")), List.of());
    }
    try {
      return new Validation(List.of(), compiler.compile(parsed.rules()).warnings());
    } catch (RuleValidationException e) {
      return new Validation(e.problems(), List.of());
    }
  }

  /**
   * Creates or replaces rule {@code id} with a one-rule YAML document, then serves the new rules.
   *
   * @return whether the rule was created (false: replaced)
   * @throws RuleValidationException when the document, or the rule set with it, is not valid; nothing
   *     was written
   */
  public boolean put(String id, String yaml) throws RuleValidationException {
    if (!RuleFileParser.ID.matcher(id).matches()) { // before it is used to name a file
      throw new RuleValidationException(List.of(new RuleProblem(folder.directory().toString(), 1, "id",
          "must be 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or digit, got '" + id + "'")));
    }
    synchronized (changes) {
      requireOwnFolder();
      FolderState files = readAll();
      Optional<Location> existing = locate(id, files);
      Path target = existing.map(at -> at.file.path()).orElse(folder.directory().resolve(id + ".yaml"));
      String name = folder.displayName(target);
      checkSingleRule(id, name, yaml);
      String body = yaml.endsWith("\n") ? yaml : yaml + "\n";
      String text;
      if (existing.isPresent()) {
        Location at = existing.get();
        List<RuleDocuments.Raw> docs = new ArrayList<>(at.documents);
        boolean marked = RuleDocuments.isMarker(firstLine(docs.get(at.index).text()));
        docs.set(at.index, new RuleDocuments.Raw(marked && !RuleDocuments.isMarker(firstLine(body)) ? "---\n" + body : body, 0));
        text = RuleDocuments.join(docs);
      } else {
        String old = files.sources().stream().filter(f -> f.path().equals(target)).map(RuleFolder.Source::text).findFirst().orElse("");
        text = old.isBlank() ? body : old + (old.endsWith("\n") ? "" : "\n") + "---\n" + body;
      }
      CompiledRules next = build(files.with(target, name, text));
      try {
        folder.write(target, text);
      } catch (java.io.UncheckedIOException e) {
        throw new RulesNotWritableException("rule " + id + " was not saved: " + e.getMessage(), false, e);
      }
      serve(next);
      return existing.isEmpty();
    }
  }

  /**
   * Removes rule {@code id} from its file (the file goes when no rule is left in it), then serves the
   * remaining rules.
   *
   * @return false when no file holds the rule
   * @throws RuleValidationException when the remaining files are not valid; nothing was changed
   */
  public boolean delete(String id) throws RuleValidationException {
    synchronized (changes) {
      requireOwnFolder();
      FolderState files = readAll();
      Optional<Location> existing = locate(id, files);
      if (existing.isEmpty()) {
        return false;
      }
      Location at = existing.get();
      List<RuleDocuments.Raw> docs = new ArrayList<>(at.documents);
      docs.remove(at.index);
      String text = RuleDocuments.join(docs);
      boolean empty = docs.stream().allMatch(RuleDocuments.Raw::isBlank);
      CompiledRules next = build(files.with(at.file.path(), at.file.name(), empty ? null : text));
      try {
        if (empty) {
          folder.delete(at.file.path());
        } else {
          folder.write(at.file.path(), text);
        }
      } catch (java.io.UncheckedIOException e) {
        throw new RulesNotWritableException("rule " + id + " was not deleted: " + e.getMessage(), false, e);
      }
      serve(next);
      return true;
    }
  }

  /** Refuses a change through the API to a folder the server does not own (see {@link RuleFolder#isConfigMapMount}). */
  private void requireOwnFolder() {
    if (folder.isConfigMapMount()) {
      throw new RulesNotWritableException("the rules folder " + folder.directory() + " is a Kubernetes ConfigMap mount: "
          + "change the ConfigMap (kubectl apply), and the server reloads it; POST /v1/rules/validate checks a rule first",
          true, null);
    }
  }

  /** Swaps {@code next} in and tells the listeners; called under {@link #changes}, so they hear snapshots in order. */
  private void serve(CompiledRules next) {
    current.set(next);
    listeners.forEach(l -> l.accept(next));
  }

  private void checkSingleRule(String id, String name, String yaml) throws RuleValidationException {
    RuleFileParser.Result parsed = parser.parse(name, yaml);
    if (!parsed.problems().isEmpty()) {
      throw new RuleValidationException(parsed.problems());
    }
    if (parsed.rules().size() != 1) {
      throw new RuleValidationException(List.of(new RuleProblem(name, 1, "document",
          "must hold exactly one rule, holds " + parsed.rules().size())));
    }
    RuleDefinition rule = parsed.rules().get(0);
    if (!rule.id().equals(id)) {
      throw new RuleValidationException(List.of(new RuleProblem(name, rule.origin().line(), "id",
          "is '" + rule.id() + "' but the rule being written is '" + id + "'")));
    }
  }

  private static String firstLine(String text) {
    int nl = text.indexOf('\n');
    return nl < 0 ? text : text.substring(0, nl);
  }

  /** The folder's files as read now: the readable ones and a problem for each that is not. */
  private record FolderState(List<RuleFolder.Source> sources, List<RuleProblem> unreadable) {
    /** These files with one replaced, added ({@code text} non-null) or removed (null). */
    FolderState with(Path target, String name, String text) {
      Map<Path, RuleFolder.Source> byPath = new LinkedHashMap<>();
      sources.forEach(f -> byPath.put(f.path(), f));
      if (text == null) {
        byPath.remove(target);
      } else {
        byPath.put(target, new RuleFolder.Source(target, name, text));
      }
      List<RuleFolder.Source> sorted = new ArrayList<>(byPath.values());
      sorted.sort((a, b) -> a.path().compareTo(b.path()));
      return new FolderState(sorted, unreadable);
    }
  }

  private FolderState readAll() {
    List<RuleProblem> unreadable = new ArrayList<>();
    List<RuleFolder.Source> sources = folder.readAll(unreadable);
    return new FolderState(sources, unreadable);
  }

  /** Parses and compiles files into a snapshot. */
  private CompiledRules build(FolderState files) throws RuleValidationException {
    List<RuleProblem> problems = new ArrayList<>(files.unreadable());
    List<RuleDefinition> rules = new ArrayList<>();
    for (RuleFolder.Source f : files.sources()) {
      RuleFileParser.Result parsed = parser.parse(f.name(), f.text());
      problems.addAll(parsed.problems());
      rules.addAll(parsed.rules());
    }
    if (!problems.isEmpty()) {
      throw new RuleValidationException(RuleCompiler.sorted(problems));
    }
    return compiler.compile(rules);
  }

  /** Where a rule is written: its file, the file's documents and the rule's document among them. */
  private record Location(RuleFolder.Source file, List<RuleDocuments.Raw> documents, int index) {}

  /**
   * Finds the document whose {@code id} is {@code id}, reading only that field, so a PUT can fix a
   * rule whose other fields are broken.
   */
  private static Optional<Location> locate(String id, FolderState files) {
    for (RuleFolder.Source f : files.sources()) {
      List<RuleDocuments.Raw> docs = RuleDocuments.split(f.text());
      for (int i = 0; i < docs.size(); i++) {
        if (!docs.get(i).isBlank() && id.equals(RuleFileParser.idOf(docs.get(i).text()))) {
          return Optional.of(new Location(f, docs, i));
        }
      }
    }
    return Optional.empty();
  }
}
