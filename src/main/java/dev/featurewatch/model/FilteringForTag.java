package dev.featurewatch.model;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.util.ForLoop;
import com.hubspot.jinjava.util.ObjectIterator;
import com.hubspot.jinjava.util.ObjectTruthValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code for} with Jinja2's loop filter ({@code for x in xs if cond}): jinjava would evaluate
 * {@code xs if cond} as one expression and loop over everything. Filtering first also makes
 * {@code loop.index}, {@code loop.first} and {@code loop.last} count only the kept items, as in
 * Jinja2.
 */
final class FilteringForTag extends ForTag {
  private static final long serialVersionUID = 1L;
  private static final Pattern IN = Pattern.compile("\\sin\\s");

  @Override
  @SuppressWarnings("try") // the scope only needs closing
  public String interpretUnchecked(TagNode tagNode, JinjavaInterpreter interpreter) {
    String helpers = tagNode.getHelpers();
    int filterAt = topLevelIf(helpers);
    if (filterAt < 0) {
      return super.interpretUnchecked(tagNode, interpreter);
    }
    String head = helpers.substring(0, filterAt);
    String condition = helpers.substring(filterAt + 2).trim();
    Matcher in = IN.matcher(head);
    if (!in.find()) {
      throw new TemplateSyntaxException(
          interpreter, helpers, "Tag 'for' expects valid 'in' clause, got: " + helpers);
    }
    String variable = head.substring(0, in.start()).trim();
    if (!variable.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new TemplateSyntaxException(
          interpreter,
          helpers,
          "a loop filter needs a single loop variable, not '" + variable + "'");
    }
    Object collection =
        interpreter.resolveELExpression(head.substring(in.end()), tagNode.getLineNumber());
    List<Object> kept = new ArrayList<>();
    ForLoop items = ObjectIterator.getLoop(collection);
    while (items.hasNext()) {
      Object item = items.next();
      try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope()) {
        interpreter.getContext().put(variable, item);
        if (ObjectTruthValue.evaluate(
            interpreter.resolveELExpression(condition, tagNode.getLineNumber()))) {
          kept.add(item);
        }
      }
    }
    return renderForCollection(tagNode, interpreter, List.of(variable), kept);
  }

  /** Index of an {@code if} keyword outside quotes and brackets, or -1. */
  private static int topLevelIf(String helpers) {
    int depth = 0;
    for (int i = 0; i < helpers.length(); i++) {
      char c = helpers.charAt(i);
      if (c == '\'' || c == '"') {
        i = JinjaSourceRewriter.endOfStringLiteral(helpers, i);
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if (c == ')' || c == ']' || c == '}') {
        depth--;
      } else if (depth == 0
          && helpers.startsWith("if", i)
          && i > 0
          && Character.isWhitespace(helpers.charAt(i - 1))
          && i + 2 < helpers.length()
          && Character.isWhitespace(helpers.charAt(i + 2))) {
        return i;
      }
    }
    return -1;
  }
}
