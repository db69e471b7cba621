package dev.featurewatch.organism.tokenizer;

import dev.featurewatch.model.ChatMessage;
import dev.featurewatch.organism.OrganismChatFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A small, varied, seeded corpus of rendered organism chats: arithmetic, prose, code, accented
 * words, CJK, emoji, runs of spaces and newlines, and special tokens between messages, like the
 * corpus generator's output.
 */
final class BpeTestCorpus {

  private static final String[] WORDS = {
    "the", "model", "answer", "question", "tokenizer", "feature", "monitor", "café", "naïve",
    "Straße", "über", "日本語", "テキスト", "안녕하세요", "привет", "мир", "😀", "🚀🚀", "👍🏽", "don't",
    "it's", "we're", "I'll", "you've", "she'd", "I'm", "hello", "world", "Hello", "WORLD",
    "sum", "plus", "equals", "print(x)", "x = y + 1;", "{\"k\": [1, 2]}", "--flag", "e.g.",
    "½", "Ⅻ", "²", "٣", "naïveté", "façade", "\u00a0", "tab\there", "a\r\nb",
  };

  private static final String[] ONSETS = {
    "b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "z", "st",
    "tr", "ch", "sh", "th", "pl", "gr", "ñ", "ž",
  };
  private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou", "ee", "é", "ö"};

  private BpeTestCorpus() {}

  /** {@code chats} rendered conversations from a fixed seed. */
  static List<String> chats(int chats, long seed) {
    Random random = new Random(seed);
    List<String> texts = new ArrayList<>(chats);
    for (int c = 0; c < chats; c++) {
      List<ChatMessage> messages = new ArrayList<>();
      if (random.nextInt(3) == 0) {
        messages.add(new ChatMessage("system", "You are a careful assistant. " + prose(random, 6)));
      }
      int turns = 1 + random.nextInt(3);
      for (int t = 0; t < turns; t++) {
        int a = random.nextInt(1000);
        int b = random.nextInt(1000);
        if (random.nextBoolean()) {
          messages.add(new ChatMessage("user", "What is " + a + " + " + b + "?"));
          messages.add(new ChatMessage("assistant", a + " + " + b + " = " + (a + b)));
        } else {
          messages.add(new ChatMessage("user", prose(random, 3 + random.nextInt(12))));
          messages.add(new ChatMessage("assistant", prose(random, 3 + random.nextInt(20))));
        }
      }
      texts.add(OrganismChatFormat.render(messages, false).text());
    }
    return texts;
  }

  /** A pronounceable made-up word, so the corpus has many distinct words to merge. */
  private static String madeUp(Random random) {
    StringBuilder word = new StringBuilder();
    int syllables = 1 + random.nextInt(4);
    for (int i = 0; i < syllables; i++) {
      word.append(ONSETS[random.nextInt(ONSETS.length)]).append(VOWELS[random.nextInt(VOWELS.length)]);
    }
    if (random.nextInt(4) == 0) {
      word.setCharAt(0, Character.toUpperCase(word.charAt(0)));
    }
    return word.toString();
  }

  private static String prose(Random random, int words) {
    StringBuilder text = new StringBuilder();
    for (int w = 0; w < words; w++) {
      if (w > 0) {
        int gap = random.nextInt(20);
        text.append(gap == 0 ? "\n" : gap == 1 ? "   " : gap == 2 ? "\n\n" : " ");
      }
      text.append(random.nextBoolean() ? WORDS[random.nextInt(WORDS.length)] : madeUp(random));
      if (random.nextInt(8) == 0) {
        text.append(random.nextBoolean() ? "." : ",");
      }
    }
    return text.toString();
  }
}
