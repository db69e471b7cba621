package dev.featurewatch.model;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;

/**
 * {@code {% generation %}...{% endgeneration %}}: in {@code transformers} it marks assistant text
 * for training masks; for rendering it is its body.
 */
final class GenerationTag implements Tag {
  private static final long serialVersionUID = 1L;

  @Override
  public String getName() {
    return "generation";
  }

  @Override
  @SuppressWarnings("try") // the scope only needs closing
  public String interpret(TagNode tagNode, JinjavaInterpreter interpreter) {
    StringBuilder out = new StringBuilder();
    try (JinjavaInterpreter.InterpreterScopeClosable scope = interpreter.enterScope()) {
      for (Node child : tagNode.getChildren()) {
        out.append(child.render(interpreter).getValue());
      }
    }
    return out.toString();
  }
}
