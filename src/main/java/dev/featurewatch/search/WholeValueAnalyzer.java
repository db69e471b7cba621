package dev.featurewatch.search;

import java.io.IOException;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * Turns the whole input into one token, unchanged: how a query's text for an exact-match field
 * ({@code concept:us-presidents}) must be analysed to meet the indexed keyword. Lucene's own
 * KeywordAnalyzer lives in analysis-common, a module this project does not otherwise need.
 */
public final class WholeValueAnalyzer extends Analyzer {
  @Override
  protected TokenStreamComponents createComponents(String fieldName) {
    return new TokenStreamComponents(new WholeValueTokenizer());
  }

  private static final class WholeValueTokenizer extends Tokenizer {
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private boolean done;
    private int length;

    @Override
    public boolean incrementToken() throws IOException {
      if (done) {
        return false;
      }
      clearAttributes();
      done = true;
      length = 0;
      char[] buffer = term.buffer();
      int read;
      while ((read = input.read(buffer, length, buffer.length - length)) > 0) {
        length += read;
        if (length == buffer.length) {
          buffer = term.resizeBuffer(length + 1);
        }
      }
      term.setLength(length);
      offset.setOffset(correctOffset(0), correctOffset(length));
      return length > 0;
    }

    @Override
    public void end() throws IOException {
      super.end();
      offset.setOffset(correctOffset(length), correctOffset(length));
    }

    @Override
    public void reset() throws IOException {
      super.reset();
      done = false;
      length = 0;
    }
  }
}
