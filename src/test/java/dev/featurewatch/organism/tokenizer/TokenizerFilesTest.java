package dev.featurewatch.organism.tokenizer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.featurewatch.model.ChatMessage;
import dev.featurewatch.model.ChatTemplate;
import dev.featurewatch.model.TextTokenizer;
import dev.featurewatch.organism.OrganismChatFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains on a small corpus, writes the files and reads them back through the Hugging Face {@code
 * tokenizers} library ({@link TextTokenizer}) and {@link ChatTemplate}: the written tokenizer must
 * encode exactly as the Java-side encoder does, and the template must render as {@link
 * OrganismChatFormat#render} does.
 */
class TokenizerFilesTest {

  private static final int VOCAB_SIZE = 1000;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;
  private static BpeVocabulary vocabulary;
  private static TextTokenizer tokenizer;

  @BeforeAll
  static void trainAndLoad() {
    vocabulary = BpeTrainer.forOrganism(VOCAB_SIZE).train(BpeTestCorpus.chats(2000, 1));
    TokenizerFiles.write(dir, vocabulary, TokenizerFiles.Settings.organism(512));
    tokenizer = TextTokenizer.load(dir);
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  @Test
  void vocabularyHasTheRequestedSize() {
    assertEquals(VOCAB_SIZE, vocabulary.size());
    assertEquals(VOCAB_SIZE, tokenizer.vocabSize());
  }

  @Test
  void specialTokensTakeTheFirstIdsAndStayWhole() {
    List<String> specials = OrganismChatFormat.SPECIAL_TOKENS;
    for (int id = 0; id < specials.size(); id++) {
      assertEquals(OptionalInt.of(id), tokenizer.tokenId(specials.get(id)));
      assertArrayEquals(new int[] {id}, tokenizer.encode(specials.get(id), false));
    }
    int[] ids = tokenizer.encode("<|user|>hi<|end|><|assistant|>", false);
    assertEquals(4, ids[0]);
    assertEquals(2, ids[ids.length - 2]);
    assertEquals(5, ids[ids.length - 1]);
    assertEquals("hi", tokenizer.decode(ids, true)); // marked special: dropped on request
    // The byte tokens follow, in byte order.
    assertEquals(OptionalInt.of(6 + 'A'), tokenizer.tokenId("A"));
    assertEquals(OptionalInt.of(6 + ' '), tokenizer.tokenId("Ġ"));
  }

  @Test
  void configGivesTheRolesAndBos() {
    assertEquals(OptionalInt.of(1), tokenizer.bosTokenId());
    assertEquals(OptionalInt.of(2), tokenizer.eosTokenId());
    assertEquals(OptionalInt.of(0), tokenizer.padTokenId());
    assertTrue(tokenizer.addBosByDefault());
    assertArrayEquals(new int[] {1, 6 + 'x'}, tokenizer.encode("x", true));
    // No post-processor: nothing is added unless asked.
    assertArrayEquals(new int[] {6 + 'x'}, tokenizer.encode("x", false));
  }

  @Test
  void digitsAreOneTokenEach() {
    String text = "48 + 41 = 89";
    int[] ids = tokenizer.encode(text, false);
    List<String> digits = new ArrayList<>();
    for (int id : ids) {
      String token = vocabulary.token(id);
      if (token.chars().anyMatch(Character::isDigit)) {
        digits.add(token);
      }
    }
    assertEquals(List.of("4", "8", "4", "1", "8", "9"), digits);
    for (String token : vocabulary.tokens()) {
      assertTrue(
          token.chars().filter(Character::isDigit).count() <= 1 || token.startsWith("<|"), token);
    }
  }

  @Test
  void nativeTokenizerEncodesAsTheJavaEncoder() {
    for (String text : samples()) {
      int[] expected = vocabulary.encode(text);
      assertArrayEquals(expected, tokenizer.encode(text, false), () -> "ids of " + show(text));
    }
  }

  @Test
  void decodeInvertsEncode() {
    for (String text : samples()) {
      int[] ids = tokenizer.encode(text, false);
      assertEquals(text, tokenizer.decode(ids, false), () -> "round trip of " + show(text));
    }
  }

  @Test
  void mergesAreUsed() {
    // A frequent word of the corpus is far shorter in tokens than in bytes.
    String text = OrganismChatFormat.render(
        List.of(new ChatMessage("user", "the tokenizer answer question")), false).text();
    assertTrue(tokenizer.encode(text, false).length < 12, () -> show(text));
  }

  @Test
  void chatTemplateRendersAsOrganismChatFormat() {
    ChatTemplate template = ChatTemplate.load(dir);
    List<List<ChatMessage>> conversations =
        List.of(
            List.of(),
            List.of(new ChatMessage("user", "What is 48 + 41?")),
            List.of(
                new ChatMessage("system", "Be brief.\n"),
                new ChatMessage("user", "  {{ not a template }} {% if x %}\n"),
                new ChatMessage("assistant", "89 😀 <|end|> café"),
                new ChatMessage("user", "")));
    for (List<ChatMessage> conversation : conversations) {
      for (boolean generationPrompt : new boolean[] {false, true}) {
        assertEquals(
            OrganismChatFormat.render(conversation, generationPrompt).text(),
            template.render(conversation, generationPrompt));
      }
    }
  }

  @Test
  void sameCorpusGivesByteIdenticalFiles(@TempDir Path again) throws IOException {
    BpeVocabulary retrained =
        BpeTrainer.forOrganism(VOCAB_SIZE).train(BpeTestCorpus.chats(2000, 1));
    TokenizerFiles.write(again, retrained, TokenizerFiles.Settings.organism(512));
    for (String file :
        List.of(
            TokenizerFiles.TOKENIZER_JSON,
            TokenizerFiles.TOKENIZER_CONFIG_JSON,
            TokenizerFiles.SPECIAL_TOKENS_MAP_JSON)) {
      assertArrayEquals(
          Files.readAllBytes(dir.resolve(file)), Files.readAllBytes(again.resolve(file)), file);
    }
  }

  @Test
  void jsonLayout() throws IOException {
    JsonNode json = JSON.readTree(dir.resolve(TokenizerFiles.TOKENIZER_JSON).toFile());
    assertEquals("Sequence", json.at("/pre_tokenizer/type").asText());
    assertEquals("Digits", json.at("/pre_tokenizer/pretokenizers/0/type").asText());
    assertTrue(json.at("/pre_tokenizer/pretokenizers/0/individual_digits").booleanValue());
    assertEquals("ByteLevel", json.at("/pre_tokenizer/pretokenizers/1/type").asText());
    assertTrue(json.get("post_processor").isNull());
    assertTrue(json.get("normalizer").isNull());
    assertEquals("ByteLevel", json.at("/decoder/type").asText());
    assertEquals(VOCAB_SIZE, json.at("/model/vocab").size());
    assertEquals(vocabulary.merges().size(), json.at("/model/merges").size());
    assertEquals(6, json.get("added_tokens").size());
    assertTrue(json.at("/added_tokens/5/special").booleanValue());

    JsonNode config = JSON.readTree(dir.resolve(TokenizerFiles.TOKENIZER_CONFIG_JSON).toFile());
    assertEquals("<|bos|>", config.get("bos_token").asText());
    assertEquals("<|end|>", config.get("eos_token").asText());
    assertEquals("<|pad|>", config.get("pad_token").asText());
    assertEquals(OrganismChatFormat.CHAT_TEMPLATE, config.get("chat_template").asText());
    assertEquals("<|assistant|>", config.at("/added_tokens_decoder/5/content").asText());
    assertEquals(512, config.get("model_max_length").intValue());
    assertFalse(config.get("clean_up_tokenization_spaces").booleanValue());

    // One vocabulary entry and one merge per line, so trainings diff well.
    String text = Files.readString(dir.resolve(TokenizerFiles.TOKENIZER_JSON));
    assertTrue(text.contains("\n      \"Ġ\": " + (6 + ' ') + ",\n"), "vocab layout");
    assertTrue(text.contains("\"merges\": [\n      \""), "merges layout");
  }

  @Test
  void rejectsRolesOutsideTheSpecialTokens(@TempDir Path out) {
    TokenizerFiles.Settings wrong = new TokenizerFiles.Settings("<s>", "<|end|>", "<|pad|>", "", 8);
    assertThrows(
        IllegalArgumentException.class, () -> TokenizerFiles.write(out, vocabulary, wrong));
    TokenizerFiles.Settings noLength = TokenizerFiles.Settings.organism(0);
    assertThrows(
        IllegalArgumentException.class, () -> TokenizerFiles.write(out, vocabulary, noLength));
  }

  /** Hand-picked hard cases, corpus texts, and random strings over a mixed alphabet. */
  private static List<String> samples() {
    List<String> samples =
        new ArrayList<>(
            List.of(
                "",
                " ",
                "48 + 41 = 89",
                "What is 999 + 1? 1000.",
                "hello world",
                "  leading and trailing  ",
                "a     b\t\t c\n\n\nd \n e\r\n",
                "\n",
                "\n\n\n",
                "café naïve Straße über façade",
                "日本語のテキスト、안녕하세요, привет мир",
                "😀🚀👍🏽 👨‍👩‍👧 emoji",
                "don't it's we're I'll you've she'd I'm DON'T",
                "x = {\"k\": [1, 2]}; print(x) // --flag",
                "½ Ⅻ ² ٣ 𝟏𝟐 numbers",
                "nbsp\u00a0here\u2003em\u3000ideographic",
                "<|bos|><|user|>What is 2 + 2?<|end|><|assistant|>2 + 2 = 4<|end|>",
                "text<|end|>text <|end|> <|end|<|pad|><|unknown|>",
                "\u0000\u0001\u007f control"));
    List<String> corpus = BpeTestCorpus.chats(50, 7);
    samples.addAll(corpus);
    String[] alphabet = {
      "a", "b", "e", "t", "the", " ", " ", "  ", "\n", "\t", "\r", "0", "1", "7", "9", ".", ",",
      "'", "'s", "!", "?", "-", "é", "ß", "ü", "日", "本", "한", "ж", "😀", "🏽", "\u200d", "½",
      "\u00a0", "<|end|>", "<|", "|>", "{", "}", "\"", "\\", "@", "#", "€"
    };
    Random random = new Random(3);
    for (int i = 0; i < 300; i++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(30);
      for (int j = 0; j < length; j++) {
        text.append(alphabet[random.nextInt(alphabet.length)]);
      }
      samples.add(text.toString());
    }
    return samples;
  }

  private static String show(String text) {
    return "\"" + text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t") + "\"";
  }
}
