package dev.featurewatch.audit;

import dev.featurewatch.rules.ActionKind;
import dev.featurewatch.rules.RuleMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;

/**
 * The Lucene document of one record, and the summary read back from one: the one place that knows
 * which field is indexed, stored or sortable. Field names a query may use are in {@link
 * AuditIndex#FIELDS}; the others (position, order, snippet) start with an underscore.
 */
final class AuditDocuments {
  /** The record's place in the log as one term: what makes re-indexing a line replace, not duplicate. */
  static final String POSITION_KEY = "_pos";
  static final String SEGMENT = "_segment";
  static final String OFFSET = "_offset";
  static final String LENGTH = "_length";
  /** Log order, to sort records of the same millisecond. */
  static final String ORDER = "_order";
  static final String ENFORCED = "_enforced";
  static final String SNIPPET = "_snippet";

  static final int SNIPPET_CHARS = 160;

  private AuditDocuments() {}

  static Term key(AuditPosition p) {
    return new Term(POSITION_KEY, p.segment() + ":" + p.offset());
  }

  static Document document(AuditRecord r, AuditPosition p) {
    Document doc = new Document();
    doc.add(new StringField(POSITION_KEY, key(p).text(), Field.Store.NO));
    doc.add(new StoredField(SEGMENT, p.segment()));
    doc.add(new StoredField(OFFSET, p.offset()));
    doc.add(new StoredField(LENGTH, p.length()));
    doc.add(new NumericDocValuesField(ORDER, ((long) p.segment() << 40) | p.offset()));

    keyword(doc, AuditIndex.ID, r.id(), true);
    keyword(doc, AuditIndex.CLIENT, r.client(), true);
    keyword(doc, AuditIndex.ROUTE, r.route(), true);
    keyword(doc, AuditIndex.MODEL, r.model(), true);
    keyword(doc, AuditIndex.FINISH_REASON, r.finishReason(), true);

    long millis = r.time().toEpochMilli();
    doc.add(new LongPoint(AuditIndex.TIME, millis));
    doc.add(new NumericDocValuesField(AuditIndex.TIME, millis));
    doc.add(new StoredField(AuditIndex.TIME, millis));
    doc.add(new IntPoint(AuditIndex.STATUS, r.status()));
    doc.add(new StoredField(AuditIndex.STATUS, r.status()));

    Set<String> rules = new LinkedHashSet<>();
    Set<String> actions = new LinkedHashSet<>();
    Set<String> shadowActions = new LinkedHashSet<>();
    Set<String> modes = new LinkedHashSet<>();
    Set<String> severities = new LinkedHashSet<>();
    for (AuditHit h : r.hits()) {
      rules.add(h.rule());
      if (h.mode() == RuleMode.SHADOW) {
        shadowActions.add(AuditJson.name(h.action())); // what would have happened: apart from what did
      }
      modes.add(AuditJson.name(h.mode()));
      severities.add(AuditJson.name(h.severity()));
    }
    for (ActionKind a : r.actions()) {
      actions.add(AuditJson.name(a));
      doc.add(new StoredField(ENFORCED, AuditJson.name(a)));
    }
    rules.forEach(v -> keyword(doc, AuditIndex.RULE, v, true));
    actions.forEach(v -> keyword(doc, AuditIndex.ACTION, v, false));
    shadowActions.forEach(v -> keyword(doc, AuditIndex.SHADOW_ACTION, v, false));
    modes.forEach(v -> keyword(doc, AuditIndex.MODE, v, false));
    severities.forEach(v -> keyword(doc, AuditIndex.SEVERITY, v, false));

    Set<Integer> features = new TreeSet<>();
    for (AuditToken t : r.tokens()) {
      for (int id : t.features().ids()) {
        features.add(id);
      }
    }
    features.forEach(id -> doc.add(new IntPoint(AuditIndex.FEATURE, id)));

    doc.add(new TextField(AuditIndex.TEXT, r.promptText() + "\n" + r.responseText(), Field.Store.NO));
    doc.add(new StoredField(SNIPPET, snippet(r.responseText().isBlank() ? r.promptText() : r.responseText())));
    return doc;
  }

  private static void keyword(Document doc, String field, String value, boolean stored) {
    if (value != null && !value.isEmpty()) {
      doc.add(new StringField(field, value, stored ? Field.Store.YES : Field.Store.NO));
    }
  }

  /** The text's start, whitespace collapsed, cut at a word where one is near. */
  static String snippet(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    if (flat.length() <= SNIPPET_CHARS) {
      return flat;
    }
    int cut = flat.lastIndexOf(' ', SNIPPET_CHARS);
    return flat.substring(0, cut > SNIPPET_CHARS / 2 ? cut : SNIPPET_CHARS) + "…";
  }

  static AuditSummary summary(Document d) {
    List<ActionKind> enforced = new ArrayList<>();
    for (String a : d.getValues(ENFORCED)) {
      enforced.add(ActionKind.valueOf(a.toUpperCase(java.util.Locale.ROOT)));
    }
    return new AuditSummary(d.get(AuditIndex.ID), Instant.ofEpochMilli(d.getField(AuditIndex.TIME).numericValue().longValue()),
        orEmpty(d.get(AuditIndex.CLIENT)), orEmpty(d.get(AuditIndex.ROUTE)), orEmpty(d.get(AuditIndex.MODEL)),
        d.getField(AuditIndex.STATUS).numericValue().intValue(), d.get(AuditIndex.FINISH_REASON),
        List.of(d.getValues(AuditIndex.RULE)), enforced, d.get(SNIPPET), position(d));
  }

  static AuditPosition position(Document d) {
    return new AuditPosition(d.getField(SEGMENT).numericValue().intValue(), d.getField(OFFSET).numericValue().longValue(),
        d.getField(LENGTH).numericValue().intValue());
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
