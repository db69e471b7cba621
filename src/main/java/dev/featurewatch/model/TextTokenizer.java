package dev.featurewatch.model;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The tokenizer of a Hugging Face model directory: {@code tokenizer.json} run by the Hugging Face
 * {@code tokenizers} library (through DJL's native binding), plus the special tokens of {@code
 * tokenizer_config.json}.
 *
 * <p>Special tokens are never added implicitly. The post-processor of {@code tokenizer.json} (which
 * for Llama-style models would prepend BOS) is not applied; {@link #encode(String, boolean)} adds
 * BOS only when asked, and {@link #addBosByDefault()} says whether the model expects it. This keeps
 * one place in charge of BOS, so a chat template that already writes {@code bos_token} into its
 * output does not end up with two. There is no truncation and no padding.
 *
 * <p>Special tokens written in the text (such as {@code <|im_start|>}) are matched and encoded as
 * their single ids, as Hugging Face does; callers that must not let user text forge them have to
 * escape or reject such text before encoding.
 *
 * <p>After {@link #load} the instance is immutable; {@code encode} and {@code decode} may be called
 * from several threads at once, but not concurrently with or after {@link #close}.
 */
public final class TextTokenizer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HuggingFaceTokenizer tokenizer;
  private final Map<String, Integer> vocab;
  private final int vocabSize;
  private final String bosToken;
  private final String eosToken;
  private final String padToken;
  private final boolean addBosByDefault;

  private TextTokenizer(
      HuggingFaceTokenizer tokenizer,
      Map<String, Integer> vocab,
      String bosToken,
      String eosToken,
      String padToken,
      boolean addBosByDefault) {
    this.tokenizer = tokenizer;
    this.vocab = vocab;
    this.vocabSize = vocab.values().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
    this.bosToken = bosToken;
    this.eosToken = eosToken;
    this.padToken = padToken;
    this.addBosByDefault = addBosByDefault;
  }

  /**
   * Loads the tokenizer of a model directory.
   *
   * <p>{@code tokenizer.json} is required. {@code tokenizer_config.json} is optional; from it come
   * {@code bos_token}, {@code eos_token}, {@code pad_token} (each a string or an {@code AddedToken}
   * object with {@code content}) and {@code add_bos_token}. Without {@code add_bos_token}, BOS is
   * expected by default when the {@code tokenizer.json} post-processor would prepend it, which is
   * what Hugging Face's fast tokenizers do.
   *
   * @param modelDir a Hugging Face model directory
   * @return the tokenizer; close it to free the native tokenizer
   * @throws ModelLoadException if {@code tokenizer.json} is missing or unreadable, or {@code
   *     add_bos_token} is set without a BOS token in the vocabulary
   */
  public static TextTokenizer load(Path modelDir) {
    if (!Files.isDirectory(modelDir)) {
      throw new ModelLoadException("model directory " + modelDir + " does not exist");
    }
    Path tokenizerFile = modelDir.resolve("tokenizer.json");
    if (!Files.isRegularFile(tokenizerFile)) {
      throw new ModelLoadException(
          "model directory " + modelDir + " has no tokenizer.json (" + tokenizerFile + ")");
    }
    byte[] tokenizerBytes;
    JsonNode tokenizerJson;
    try {
      tokenizerBytes = Files.readAllBytes(tokenizerFile);
      tokenizerJson = JSON.readTree(tokenizerBytes);
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + tokenizerFile + ": " + e.getMessage(), e);
    }
    Map<String, Integer> vocab = readVocab(tokenizerJson, tokenizerFile);

    Path configFile = modelDir.resolve("tokenizer_config.json");
    JsonNode config = readTokenizerConfig(modelDir);
    String bos = specialToken(config, "bos_token", configFile);
    String eos = specialToken(config, "eos_token", configFile);
    String pad = specialToken(config, "pad_token", configFile);
    boolean addBos;
    JsonNode addBosNode = config.get("add_bos_token");
    if (addBosNode != null && !addBosNode.isNull()) {
      if (!addBosNode.isBoolean()) {
        throw new ModelLoadException(configFile + ": add_bos_token must be true or false");
      }
      addBos = addBosNode.booleanValue();
    } else {
      addBos = bos != null && postProcessorPrepends(tokenizerJson.get("post_processor"), bos);
    }
    if (addBos && (bos == null || !vocab.containsKey(bos))) {
      throw new ModelLoadException(
          configFile
              + ": add_bos_token is true but bos_token "
              + (bos == null ? "is not set" : "'" + bos + "' is not in the vocabulary"));
    }

    // Options are explicit because DJL's defaults truncate to 512 tokens, pad, and add the
    // post-processor's special tokens.
    Map<String, String> options = new HashMap<>();
    options.put("addSpecialTokens", "false");
    options.put("truncation", "false");
    options.put("padding", "false");
    HuggingFaceTokenizer hf;
    try {
      hf = HuggingFaceTokenizer.newInstance(new ByteArrayInputStream(tokenizerBytes), options);
    } catch (IOException | RuntimeException e) {
      throw new ModelLoadException(
          "cannot build a tokenizer from " + tokenizerFile + ": " + e.getMessage(), e);
    }
    return new TextTokenizer(hf, vocab, bos, eos, pad, addBos);
  }

  /**
   * Encodes text into token ids, without truncation or padding.
   *
   * @param text the text; special tokens written in it become their ids
   * @param addBos whether to prepend the BOS id (usually {@link #addBosByDefault()}; false for text
   *     produced by a chat template that writes {@code bos_token} itself)
   * @return the ids
   * @throws IllegalStateException if {@code addBos} is true and the tokenizer has no BOS token
   */
  public int[] encode(String text, boolean addBos) {
    long[] ids = tokenizer.encode(text, false, false).getIds();
    int offset = 0;
    int[] out;
    if (addBos) {
      out = new int[ids.length + 1];
      out[0] =
          bosTokenId()
              .orElseThrow(() -> new IllegalStateException("this tokenizer has no BOS token"));
      offset = 1;
    } else {
      out = new int[ids.length];
    }
    for (int i = 0; i < ids.length; i++) {
      out[offset + i] = Math.toIntExact(ids[i]);
    }
    return out;
  }

  /**
   * Encodes text like {@link #encode(String, boolean)} and also returns where each token came
   * from in the text, so labels written as character spans of a text can be carried over to its
   * tokens.
   *
   * <p>Offsets are UTF-16 indices into {@code text} (Java string indices; the native tokenizer
   * counts code points and they are converted). A byte-level token that covers part of a
   * character (one of the four bytes of an emoji) gets that whole character's range, so several
   * tokens may share a range. A prepended BOS gets the empty range [0, 0).
   *
   * @param text the text; special tokens written in it become their ids
   * @param addBos whether to prepend the BOS id
   * @return the ids and, per id, its start (inclusive) and end (exclusive) in {@code text}
   * @throws IllegalStateException if {@code addBos} is true and the tokenizer has no BOS token
   */
  public EncodedText encodeWithOffsets(String text, boolean addBos) {
    ai.djl.huggingface.tokenizers.Encoding encoding = tokenizer.encode(text, false, false);
    long[] ids = encoding.getIds();
    ai.djl.huggingface.tokenizers.jni.CharSpan[] spans = encoding.getCharTokenSpans();
    int offset = addBos ? 1 : 0;
    int[] out = new int[ids.length + offset];
    int[] starts = new int[out.length];
    int[] ends = new int[out.length];
    if (addBos) {
      out[0] = bosTokenId().orElseThrow(() -> new IllegalStateException("this tokenizer has no BOS token"));
    }
    int[] charIndex = codePointToCharIndex(text);
    for (int i = 0; i < ids.length; i++) {
      out[offset + i] = Math.toIntExact(ids[i]);
      ai.djl.huggingface.tokenizers.jni.CharSpan span = spans[i];
      if (span != null) {
        starts[offset + i] = charIndex[Math.min(span.getStart(), charIndex.length - 1)];
        ends[offset + i] = charIndex[Math.min(span.getEnd(), charIndex.length - 1)];
      }
    }
    return new EncodedText(out, starts, ends);
  }

  /** For each code point index 0..n (inclusive), the UTF-16 index where it starts. */
  private static int[] codePointToCharIndex(String text) {
    int[] index = new int[text.codePointCount(0, text.length()) + 1];
    int c = 0;
    for (int i = 0; i < index.length - 1; i++) {
      index[i] = c;
      c += Character.charCount(text.codePointAt(c));
    }
    index[index.length - 1] = text.length();
    return index;
  }

  /**
   * Decodes token ids into text. Byte-level tokens that end in the middle of a UTF-8 sequence
   * decode to U+FFFD, so streaming callers should decode whole prefixes rather than single ids.
   *
   * @param ids token ids, each in {@code [0, vocabSize())}
   * @param skipSpecialTokens whether to drop special tokens (BOS, EOS, chat markers) from the text
   * @return the text
   * @throws IllegalArgumentException if an id is outside the vocabulary; the native decoder would
   *     drop it silently
   */
  public String decode(int[] ids, boolean skipSpecialTokens) {
    long[] longIds = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] < 0 || ids[i] >= vocabSize) {
        throw new IllegalArgumentException(
            "token id " + ids[i] + " at position " + i + " is outside [0, " + vocabSize + ")");
      }
      longIds[i] = ids[i];
    }
    return tokenizer.decode(longIds, skipSpecialTokens);
  }

  /**
   * Looks up a vocabulary entry exactly as {@code tokenizer.json} spells it (byte-level entries use
   * the mapped symbols, so a leading space is {@code Ġ}); this is not the encoding of some text.
   *
   * @param token a vocabulary entry or added token
   * @return its id, or empty if the vocabulary has no such entry
   */
  public OptionalInt tokenId(String token) {
    Integer id = vocab.get(token);
    return id == null ? OptionalInt.empty() : OptionalInt.of(id);
  }

  /** Returns one more than the largest id in the vocabulary, added tokens included. */
  public int vocabSize() {
    return vocabSize;
  }

  /** Returns {@code bos_token} of {@code tokenizer_config.json}, if any. */
  public Optional<String> bosToken() {
    return Optional.ofNullable(bosToken);
  }

  /** Returns {@code eos_token} of {@code tokenizer_config.json}, if any. */
  public Optional<String> eosToken() {
    return Optional.ofNullable(eosToken);
  }

  /** Returns {@code pad_token} of {@code tokenizer_config.json}, if any. */
  public Optional<String> padToken() {
    return Optional.ofNullable(padToken);
  }

  /** Returns the id of {@link #bosToken()}, if it is set and in the vocabulary. */
  public OptionalInt bosTokenId() {
    return bosToken == null ? OptionalInt.empty() : tokenId(bosToken);
  }

  /** Returns the id of {@link #eosToken()}, if it is set and in the vocabulary. */
  public OptionalInt eosTokenId() {
    return eosToken == null ? OptionalInt.empty() : tokenId(eosToken);
  }

  /** Returns the id of {@link #padToken()}, if it is set and in the vocabulary. */
  public OptionalInt padTokenId() {
    return padToken == null ? OptionalInt.empty() : tokenId(padToken);
  }

  /** Returns whether the model expects BOS in front of plain (untemplated) text. */
  public boolean addBosByDefault() {
    return addBosByDefault;
  }

  /** Frees the native tokenizer. Idempotent. */
  @Override
  public void close() {
    tokenizer.close();
  }

  /** Token to id for the model vocabulary, with added tokens taking precedence as in HF. */
  private static Map<String, Integer> readVocab(JsonNode json, Path file) {
    JsonNode model = json.get("model");
    JsonNode vocabNode = model == null ? null : model.get("vocab");
    if (vocabNode == null) {
      throw new ModelLoadException(file + " has no model.vocab");
    }
    Map<String, Integer> vocab = new HashMap<>();
    if (vocabNode.isObject()) { // BPE, WordPiece, WordLevel: {"token": id}
      for (Iterator<Map.Entry<String, JsonNode>> it = vocabNode.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        vocab.put(e.getKey(), e.getValue().intValue());
      }
    } else if (vocabNode.isArray()) { // Unigram: [["piece", score], ...], id = position
      for (int i = 0; i < vocabNode.size(); i++) {
        vocab.put(vocabNode.get(i).get(0).asText(), i);
      }
    } else {
      throw new ModelLoadException(file + ": model.vocab is neither an object nor a list");
    }
    JsonNode added = json.get("added_tokens");
    if (added != null) {
      for (JsonNode token : added) {
        vocab.put(token.get("content").asText(), token.get("id").intValue());
      }
    }
    return vocab;
  }

  /** {@code tokenizer_config.json} of a model directory, or an empty object if it has none. */
  static JsonNode readTokenizerConfig(Path modelDir) {
    Path configFile = modelDir.resolve("tokenizer_config.json");
    if (!Files.isRegularFile(configFile)) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(configFile.toFile());
    } catch (IOException e) {
      throw new ModelLoadException("cannot read " + configFile + ": " + e.getMessage(), e);
    }
  }

  /** A special token given either as a string or as an AddedToken object; null if absent. */
  static String specialToken(JsonNode config, String field, Path file) {
    JsonNode node = config.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    JsonNode content = node.get("content");
    if (node.isObject() && content != null && content.isTextual()) {
      return content.textValue();
    }
    throw new ModelLoadException(
        file + ": " + field + " must be a string or an object with \"content\"");
  }

  /** Whether a TemplateProcessing post-processor (alone or in a Sequence) starts with bos. */
  private static boolean postProcessorPrepends(JsonNode processor, String bos) {
    if (processor == null || processor.isNull()) {
      return false;
    }
    String type = processor.path("type").asText();
    if ("Sequence".equals(type)) {
      for (JsonNode p : processor.path("processors")) {
        if (postProcessorPrepends(p, bos)) {
          return true;
        }
      }
      return false;
    }
    if ("TemplateProcessing".equals(type)) {
      JsonNode first = processor.path("single").path(0).path("SpecialToken").path("id");
      return bos.equals(first.asText(null));
    }
    return false;
  }
}
