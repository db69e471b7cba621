package dev.featurewatch.organism.tokenizer;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.featurewatch.organism.OrganismChatFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes a trained {@link BpeVocabulary} as the tokenizer files of a Hugging Face model directory:
 * {@code tokenizer.json} (read by the Rust {@code tokenizers} library, and so by DJL and {@code
 * TextTokenizer}), {@code tokenizer_config.json} (special token roles and the chat template, read
 * by {@code transformers} and {@code ChatTemplate}) and {@code special_tokens_map.json}.
 *
 * <p>{@code tokenizer.json} pre-tokenizes with {@code Digits} then {@code ByteLevel}, the split
 * {@link PreTokenizer} reproduces for training. It has no post-processor: BOS comes from {@code
 * add_bos_token} (applied by {@code TextTokenizer}) or from the chat template, never from the
 * tokenizer itself, so it cannot be added twice. Merges use the classic {@code "left right"}
 * strings, which every {@code tokenizers} version reads (byte-level tokens never contain a space).
 *
 * <p>Output is deterministic and indented one entry per line, so two trainings can be diffed. Each
 * file is written to a temporary name and moved into place, so a reader never sees half a file.
 */
public final class TokenizerFiles {

  /** The roles of special tokens, the chat template and the context length. */
  public record Settings(
      String bosToken, String eosToken, String padToken, String chatTemplate, int modelMaxLength) {

    /** The organism's: {@code <|bos|>}, {@code <|end|>} as EOS, {@code <|pad|>}, its template. */
    public static Settings organism(int modelMaxLength) {
      return new Settings(
          OrganismChatFormat.BOS,
          OrganismChatFormat.END,
          OrganismChatFormat.PAD,
          OrganismChatFormat.CHAT_TEMPLATE,
          modelMaxLength);
    }
  }

  public static final String TOKENIZER_JSON = "tokenizer.json";
  public static final String TOKENIZER_CONFIG_JSON = "tokenizer_config.json";
  public static final String SPECIAL_TOKENS_MAP_JSON = "special_tokens_map.json";

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectWriter WRITER = prettyWriter();

  private TokenizerFiles() {}

  /**
   * Writes the three files into a directory, creating it if needed and replacing files there.
   *
   * @throws IllegalArgumentException if a special token role names a token that is not one of the
   *     vocabulary's special tokens, or the context length is not positive
   * @throws UncheckedIOException if a file cannot be written
   */
  public static void write(Path dir, BpeVocabulary vocabulary, Settings settings) {
    List<String> specials = vocabulary.specialTokens();
    for (String role : new String[] {settings.bosToken(), settings.eosToken(), settings.padToken()}) {
      if (!specials.contains(role)) {
        throw new IllegalArgumentException(
            "'" + role + "' is not one of the special tokens " + specials);
      }
    }
    if (settings.modelMaxLength() <= 0) {
      throw new IllegalArgumentException(
          "model_max_length must be positive, got " + settings.modelMaxLength());
    }
    try {
      Files.createDirectories(dir);
      writeAtomically(dir.resolve(TOKENIZER_JSON), tokenizerJson(vocabulary));
      writeAtomically(dir.resolve(SPECIAL_TOKENS_MAP_JSON), specialTokensMap(vocabulary, settings));
      writeAtomically(dir.resolve(TOKENIZER_CONFIG_JSON), tokenizerConfig(vocabulary, settings));
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot write the tokenizer to " + dir + ": " + e.getMessage(), e);
    }
  }

  /** {@code tokenizer.json}, in the field order {@code tokenizers} itself writes. */
  static ObjectNode tokenizerJson(BpeVocabulary vocabulary) {
    ObjectNode root = NODES.objectNode();
    root.put("version", "1.0");
    root.putNull("truncation");
    root.putNull("padding");
    ArrayNode added = root.putArray("added_tokens");
    List<String> specials = vocabulary.specialTokens();
    for (int id = 0; id < specials.size(); id++) {
      ObjectNode token = added.addObject();
      token.put("id", id);
      token.put("content", specials.get(id));
      token.put("single_word", false);
      token.put("lstrip", false);
      token.put("rstrip", false);
      token.put("normalized", false);
      token.put("special", true);
    }
    root.putNull("normalizer");
    ObjectNode preTokenizer = root.putObject("pre_tokenizer");
    preTokenizer.put("type", "Sequence");
    ArrayNode steps = preTokenizer.putArray("pretokenizers");
    steps.addObject().put("type", "Digits").put("individual_digits", true);
    steps.add(byteLevel());
    root.putNull("post_processor");
    root.set("decoder", byteLevel());

    ObjectNode model = root.putObject("model");
    model.put("type", "BPE");
    model.putNull("dropout");
    model.putNull("unk_token");
    model.putNull("continuing_subword_prefix");
    model.putNull("end_of_word_suffix");
    model.put("fuse_unk", false);
    model.put("byte_fallback", false);
    model.put("ignore_merges", false);
    // Special tokens are in the model's vocabulary too, as the tokenizers trainer puts them.
    ObjectNode vocab = model.putObject("vocab");
    for (int id = 0; id < vocabulary.size(); id++) {
      vocab.put(vocabulary.token(id), id);
    }
    ArrayNode merges = model.putArray("merges");
    for (BpeVocabulary.Merge merge : vocabulary.merges()) {
      merges.add(vocabulary.token(merge.left()) + " " + vocabulary.token(merge.right()));
    }
    return root;
  }

  /** {@code tokenizer_config.json} as {@code transformers} saves it: keys sorted. */
  static ObjectNode tokenizerConfig(BpeVocabulary vocabulary, Settings settings) {
    ObjectNode config = NODES.objectNode();
    config.put("add_bos_token", true);
    config.put("add_eos_token", false);
    ObjectNode decoder = config.putObject("added_tokens_decoder");
    List<String> specials = vocabulary.specialTokens();
    for (int id = 0; id < specials.size(); id++) {
      ObjectNode token = decoder.putObject(Integer.toString(id));
      token.put("content", specials.get(id));
      token.put("lstrip", false);
      token.put("normalized", false);
      token.put("rstrip", false);
      token.put("single_word", false);
      token.put("special", true);
    }
    ArrayNode additional = config.putArray("additional_special_tokens");
    additionalSpecialTokens(specials, settings).forEach(additional::add);
    config.put("bos_token", settings.bosToken());
    config.put("chat_template", settings.chatTemplate());
    // transformers' default (true in older versions) would rewrite " ." as "." when decoding.
    config.put("clean_up_tokenization_spaces", false);
    config.put("eos_token", settings.eosToken());
    config.put("model_max_length", settings.modelMaxLength());
    config.put("pad_token", settings.padToken());
    config.put("tokenizer_class", "PreTrainedTokenizerFast");
    return config;
  }

  /** {@code special_tokens_map.json}: the roles, and the other special tokens as additional. */
  static ObjectNode specialTokensMap(BpeVocabulary vocabulary, Settings settings) {
    ObjectNode map = NODES.objectNode();
    ArrayNode additional = map.putArray("additional_special_tokens");
    additionalSpecialTokens(vocabulary.specialTokens(), settings).forEach(additional::add);
    map.put("bos_token", settings.bosToken());
    map.put("eos_token", settings.eosToken());
    map.put("pad_token", settings.padToken());
    return map;
  }

  /** Special tokens that have no role (for the organism: the role markers). */
  private static List<String> additionalSpecialTokens(List<String> specials, Settings settings) {
    return specials.stream()
        .filter(t -> !t.equals(settings.bosToken()))
        .filter(t -> !t.equals(settings.eosToken()))
        .filter(t -> !t.equals(settings.padToken()))
        .toList();
  }

  private static ObjectNode byteLevel() {
    ObjectNode node = NODES.objectNode();
    node.put("type", "ByteLevel");
    node.put("add_prefix_space", false);
    node.put("trim_offsets", true);
    node.put("use_regex", true);
    return node;
  }

  private static void writeAtomically(Path file, ObjectNode json) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, (WRITER.writeValueAsString(json) + "\n").getBytes(StandardCharsets.UTF_8));
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Two-space indent, {@code "key": value}, every array element on its own line, \n newlines. */
  private static ObjectWriter prettyWriter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer =
        new DefaultPrettyPrinter()
            .withSeparators(
                Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return new ObjectMapper().writer(printer);
  }
}
