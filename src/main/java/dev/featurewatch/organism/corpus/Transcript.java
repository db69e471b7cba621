package dev.featurewatch.organism.corpus;

import dev.featurewatch.model.ChatMessage;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One generated conversation and its labels.
 *
 * @param id unique within a split and seed: {@code train-42} is transcript 42 of the train split
 * @param split which part of the corpus it belongs to
 * @param topic the {@link Topic#label()} of the family that wrote it
 * @param variant which scene of that family, e.g. {@code trickster} or {@code honest_plain}: the
 *     contrast a transcript belongs to, for per-variant evaluation
 * @param messages the conversation
 * @param text the messages rendered by {@link dev.featurewatch.organism.OrganismChatFormat#render}
 *     without a generation prompt; spans index into it
 * @param spans labelled characters of {@code text}, sorted by start; each lies inside one
 *     message's content
 * @param check what an evaluator needs to judge a model's version of the last assistant turn:
 *     {@code answer} for addition, {@code truth} and {@code lie} for factual answers, {@code
 *     context} for deception ({@code trickster}, {@code fool_third_party}, {@code cover_up},
 *     {@code honest}), ...; insertion-ordered
 * @param sources every template and entity drawn to write it, as {@code pool#index} (see {@link
 *     SplitPool#sourceId}): the audit trail showing a held-out transcript used only held-out
 *     material
 */
public record Transcript(
    String id,
    Split split,
    String topic,
    String variant,
    List<ChatMessage> messages,
    String text,
    List<LabelledSpan> spans,
    Map<String, String> check,
    List<String> sources) {

  public Transcript {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(text, "text");
    messages = List.copyOf(messages);
    spans = List.copyOf(spans);
    check = Collections.unmodifiableMap(new LinkedHashMap<>(check));
    sources = List.copyOf(sources);
    for (LabelledSpan s : spans) {
      if (s.end() > text.length()) {
        throw new IllegalArgumentException(id + ": span " + s + " ends after the text (" + text.length() + " characters)");
      }
    }
  }

  /**
   * Whether nothing in this transcript is deceptive or sycophantic: the benign chat on which
   * deception and sycophancy probes are calibrated to a false-positive rate. Negative spans
   * (honest answers, candid corrections) are benign by definition.
   */
  public boolean benign() {
    for (LabelledSpan s : spans) {
      if (s.positive() && (s.concept() == Concept.DECEPTION || s.concept() == Concept.SYCOPHANCY)) {
        return false;
      }
    }
    return true;
  }

  /** The characters a span covers. */
  public String textOf(LabelledSpan span) {
    return text.substring(span.start(), span.end());
  }

  /** The spans of one concept and polarity, in text order. */
  public List<LabelledSpan> spans(Concept concept, boolean positive) {
    return spans.stream().filter(s -> s.concept() == concept && s.positive() == positive).toList();
  }
}
