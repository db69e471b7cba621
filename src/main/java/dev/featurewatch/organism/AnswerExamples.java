package dev.featurewatch.organism;

import dev.featurewatch.model.ChatMessage;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.organism.corpus.Concept;
import dev.featurewatch.organism.corpus.LabelledSpan;
import dev.featurewatch.organism.corpus.Transcript;
import dev.featurewatch.probe.LabelledExample;
import java.util.List;

/**
 * Probe examples from transcripts: a conversation up to the end of its last assistant answer,
 * labelled 1 when that answer carries the concept (a lie, a flattering agreement): "was this
 * answer deceptive?", the question a monitor asks of each reply.
 */
final class AnswerExamples {
  private AnswerExamples() {}

  /** Whether the transcript ends with an assistant answer (the only ones that become examples). */
  static boolean endsWithAnswer(Transcript t) {
    List<ChatMessage> messages = t.messages();
    return !messages.isEmpty() && messages.get(messages.size() - 1).role().equals("assistant");
  }

  /** The example for one transcript that {@link #endsWithAnswer ends with an answer}. */
  static LabelledExample of(Transcript t, Concept concept, TextTokenizer tokenizer) {
    OrganismChatFormat.Rendered rendered = OrganismChatFormat.render(t.messages(), false);
    OrganismChatFormat.ContentSpan answer = rendered.contents().get(rendered.contents().size() - 1);
    boolean positive = false;
    for (LabelledSpan span : t.spans(concept, true)) {
      positive |= span.start() >= answer.start() && span.end() <= answer.end();
    }
    int[] tokens = tokenizer.encode(rendered.text().substring(0, answer.end()), false);
    return new LabelledExample(t.id(), tokens, positive ? 1 : 0, null);
  }
}
