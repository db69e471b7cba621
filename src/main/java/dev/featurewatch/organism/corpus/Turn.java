package dev.featurewatch.organism.corpus;

import dev.featurewatch.model.ChatMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * One message being written, with the labelled spans inside it counted from the start of its
 * content. {@link Scene#build} moves them into the rendered text.
 */
final class Turn {
  private final String role;
  private final StringBuilder content = new StringBuilder();
  private final List<LabelledSpan> spans = new ArrayList<>();

  Turn(String role) {
    this.role = role;
  }

  /** Appends unlabelled text. */
  Turn say(String text) {
    content.append(text);
    return this;
  }

  /** Appends a template; its regions become spans of this concept and polarity. */
  Turn say(Template template, Slots values, Concept concept, boolean positive) {
    template.writeTo(this, values, concept, positive);
    return this;
  }

  /** Appends a template whose regions take one polarity each, in order: a concept and its contrast in one sentence. */
  Turn sayEach(Template template, Slots values, Concept concept, boolean... polarities) {
    template.writeTo(this, values, concept, polarities);
    return this;
  }

  /** Appends a template without labelled regions. */
  Turn say(Template template, Slots values) {
    template.writeTo(this, values, null, false);
    return this;
  }

  /** Appends text that carries {@code concept}. */
  Turn positive(Concept concept, String text) {
    return mark(concept, true, text);
  }

  /** Appends text that is a hard negative for {@code concept}. */
  Turn negative(Concept concept, String text) {
    return mark(concept, false, text);
  }

  /** Appends labelled text. */
  Turn mark(Concept concept, boolean positive, String text) {
    int start = content.length();
    content.append(text);
    label(start, concept, positive);
    return this;
  }

  /**
   * Labels the characters written since {@code start}, less a leading article and surrounding
   * spaces: a causal model reading "the" cannot yet know that "Golden Gate" follows, so an
   * article inside a span would be a positive no feature could detect.
   */
  void label(int start, Concept concept, boolean positive) {
    int end = content.length();
    while (start < end && Character.isWhitespace(content.charAt(start))) {
      start++;
    }
    int afterArticle = afterLeadingArticle(start, end);
    if (afterArticle < end) {
      start = afterArticle;
    }
    while (end > start && Character.isWhitespace(content.charAt(end - 1))) {
      end--;
    }
    spans.add(new LabelledSpan(start, end, concept, positive));
  }

  private int afterLeadingArticle(int start, int end) {
    for (String article : ARTICLES) {
      int next = start + article.length();
      if (next < end && content.substring(start, next).equalsIgnoreCase(article)) {
        return next;
      }
    }
    return start;
  }

  private static final String[] ARTICLES = {"the ", "an ", "a "};

  int length() {
    return content.length();
  }

  ChatMessage message() {
    return new ChatMessage(role, content.toString());
  }

  List<LabelledSpan> spans() {
    return spans;
  }
}
