package dev.featurewatch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.hubspot.jinjava.Jinjava;
import com.hubspot.jinjava.JinjavaConfig;
import com.hubspot.jinjava.LegacyOverrides;
import com.hubspot.jinjava.el.JinjavaInterpreterResolver;
import com.hubspot.jinjava.el.ext.ExtendedParser;
import com.hubspot.jinjava.interpret.Context;
import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.interpret.RenderResult;
import com.hubspot.jinjava.interpret.TemplateError;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jinjava.javax.el.CompositeELResolver;

/**
 * The chat template of a Hugging Face model: the Jinja {@code chat_template} that turns a
 * conversation into the prompt text the model was trained on, rendered with HubSpot jinjava the way
 * {@code transformers} renders it with Python Jinja2.
 *
 * <p>Like {@code transformers}, the environment has {@code trim_blocks} and {@code lstrip_blocks}
 * on, drops one trailing newline of the template source, and provides {@code raise_exception},
 * {@code strftime_now} (both also {@code defined}), {@code break}/{@code continue} and the {@code
 * {% generation %}} marker. On top of jinjava's defaults it adds what chat templates rely on and
 * jinjava lacks: the Python string methods {@code strip}, {@code lstrip}, {@code rstrip}, {@code
 * startswith}, {@code endswith}, {@code split}, {@code upper} and {@code lower}; loop filters
 * ({@code for m in messages if m.role != 'system'}); keyword arguments whose value is an expression
 * and {@code [::-1]}, rewritten before jinjava parses them. Message content is data: it is never
 * interpreted as template code. A render that reaches a filter or test jinjava does not have fails
 * instead of silently rendering nothing, and so does one that raises an error Jinja2 would raise.
 *
 * <p>Known differences from Jinja2 that remain: booleans print as {@code true}/{@code false} rather
 * than {@code True}/{@code False}; {@code tojson} writes compact JSON and ignores {@code indent},
 * where {@code transformers} writes {@code ", "} and {@code ": "} separators; a filter binds more
 * loosely than unary minus ({@code -1|abs} is -1); attribute access on an undefined value yields
 * empty rather than an error; strings cannot be indexed.
 *
 * <p>Instances are immutable and safe for concurrent rendering.
 */
public final class ChatTemplate {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String source;
  private final String bosToken;
  private final String eosToken;
  private final Jinjava jinjava;

  private ChatTemplate(String source, String bosToken, String eosToken, Clock clock) {
    this.source = source;
    this.bosToken = bosToken;
    this.eosToken = eosToken;
    this.jinjava = newJinjava(clock);
  }

  /**
   * Loads the chat template of a model directory: {@code chat_template.jinja} if present (the newer
   * layout, which takes precedence as in {@code transformers}), otherwise {@code chat_template} of
   * {@code tokenizer_config.json}, either a string or a list of named templates of which {@code
   * default} is used. {@code bos_token} and {@code eos_token} come from {@code
   * tokenizer_config.json}.
   *
   * @param modelDir a Hugging Face model directory
   * @return the template
   * @throws ModelLoadException if the directory has no chat template or a file cannot be read
   */
  public static ChatTemplate load(Path modelDir) {
    Path configFile = modelDir.resolve("tokenizer_config.json");
    JsonNode config = TextTokenizer.readTokenizerConfig(modelDir);
    String bos = TextTokenizer.specialToken(config, "bos_token", configFile);
    String eos = TextTokenizer.specialToken(config, "eos_token", configFile);

    Path jinjaFile = modelDir.resolve("chat_template.jinja");
    if (Files.isRegularFile(jinjaFile)) {
      try {
        return of(Files.readString(jinjaFile, StandardCharsets.UTF_8), bos, eos);
      } catch (IOException e) {
        throw new ModelLoadException("cannot read " + jinjaFile + ": " + e.getMessage(), e);
      }
    }
    JsonNode template = config.get("chat_template");
    if (template == null || template.isNull()) {
      throw new ModelLoadException(
          "model directory "
              + modelDir
              + " has no chat template: "
              + (Files.isRegularFile(configFile)
                  ? "tokenizer_config.json has no chat_template"
                  : "there is no tokenizer_config.json")
              + " and there is no chat_template.jinja; use a plain prompt");
    }
    if (template.isTextual()) {
      return of(template.textValue(), bos, eos);
    }
    if (template.isArray()) {
      List<String> names = new ArrayList<>();
      for (JsonNode named : template) {
        String name = named.path("name").asText();
        names.add(name);
        if ("default".equals(name) && named.path("template").isTextual()) {
          return of(named.path("template").textValue(), bos, eos);
        }
      }
      throw new ModelLoadException(
          configFile
              + ": chat_template lists no template named \"default\" (it has "
              + names
              + ")");
    }
    throw new ModelLoadException(
        configFile + ": chat_template must be a string or a list of {name, template}");
  }

  /**
   * Creates a template from Jinja source.
   *
   * @param source the Jinja source, as in {@code chat_template}
   * @param bosToken the value of {@code bos_token}, or null to leave it undefined
   * @param eosToken the value of {@code eos_token}, or null to leave it undefined
   * @return the template, whose {@code strftime_now} reads the system clock in the default zone
   */
  public static ChatTemplate of(String source, String bosToken, String eosToken) {
    return new ChatTemplate(
        JinjaSourceRewriter.rewriteForJinjava(normalizeNewlines(source)),
        bosToken,
        eosToken,
        Clock.systemDefaultZone());
  }

  /**
   * Returns a copy whose {@code strftime_now} reads the given clock, for example to replay a
   * conversation with the date it originally had.
   *
   * @param clock the clock; its zone gives the local time, as Python's naive {@code now()} would
   * @return the copy
   */
  public ChatTemplate withClock(Clock clock) {
    return new ChatTemplate(source, bosToken, eosToken, clock);
  }

  /**
   * Returns the Jinja source as jinjava runs it: newlines normalized as Jinja2 does, keyword
   * arguments and {@code [::-1]} rewritten (see {@code rewriteForJinjava}).
   */
  public String source() {
    return source;
  }

  /**
   * Renders a conversation into prompt text. The variables are {@code messages} (a list of maps
   * with {@code role} and {@code content}), {@code bos_token}, {@code eos_token} (when known) and
   * {@code add_generation_prompt}.
   *
   * @param messages the conversation so far
   * @param addGenerationPrompt whether to end with the header that opens the assistant's turn
   * @return the prompt text; it may contain special tokens such as {@code bos_token}, so encode it
   *     without adding BOS again
   * @throws IllegalArgumentException if the template rejects the conversation through {@code
   *     raise_exception}; the message is the template's
   * @throws IllegalStateException if the template fails for any other reason, such as a syntax
   *     error or a construct jinjava cannot run
   */
  public String render(List<ChatMessage> messages, boolean addGenerationPrompt) {
    List<Map<String, Object>> messageMaps = new ArrayList<>(messages.size());
    for (ChatMessage message : messages) {
      Map<String, Object> map = new LinkedHashMap<>(); // printed in this order, as Python would
      map.put("role", message.role());
      map.put("content", message.content());
      messageMaps.add(map);
    }
    Map<String, Object> bindings = new HashMap<>();
    bindings.put("messages", messageMaps);
    if (bosToken != null) {
      bindings.put("bos_token", bosToken);
    }
    if (eosToken != null) {
      bindings.put("eos_token", eosToken);
    }
    bindings.put("add_generation_prompt", addGenerationPrompt);
    // Python sees the global functions as defined variables; Llama 3.2 asks
    // `strftime_now is defined` before calling it. A call still resolves to the function.
    bindings.put("raise_exception", "<function raise_exception>");
    bindings.put("strftime_now", "<function strftime_now>");

    RenderResult result = jinjava.renderForResult(source, bindings);
    // jinjava records errors and renders on; Jinja2 stops at the first, so the first one decides.
    for (TemplateError error : result.getErrors()) {
      if (error.getSeverity() == TemplateError.ErrorType.FATAL) {
        String message = error.getMessage();
        for (Throwable t = error.getException(); t != null; t = t.getCause()) {
          if (t instanceof RaisedByTemplate) {
            throw new IllegalArgumentException(t.getMessage());
          }
          // jinjava's message for a failed function call does not say why it failed.
          if (t.getCause() == null && t.getMessage() != null && !message.contains(t.getMessage())) {
            message += ": " + t.getMessage();
          }
        }
        throw new IllegalStateException(
            "chat template failed at line " + error.getLineno() + ": " + message,
            error.getException());
      }
    }
    // jinjava treats an unknown filter or test as a no-op where Jinja2 refuses the template.
    Context global = jinjava.getGlobalContext();
    for (String resolved : result.getContext().getResolvedValues()) {
      if (resolved.startsWith(ExtendedParser.FILTER_PREFIX)) {
        String name = resolved.substring(ExtendedParser.FILTER_PREFIX.length());
        if (global.getFilter(name) == null) {
          throw new IllegalStateException("chat template uses unknown filter '" + name + "'");
        }
      } else if (resolved.startsWith(ExtendedParser.EXPTEST_PREFIX)) {
        String name = resolved.substring(ExtendedParser.EXPTEST_PREFIX.length());
        if (global.getExpTest(name) == null) {
          throw new IllegalStateException("chat template uses unknown test '" + name + "'");
        }
      }
    }
    return result.getOutput();
  }

  private static Jinjava newJinjava(Clock clock) {
    // The overrides that make jinjava behave like Python Jinja2, but not the one that requires
    // spaces inside delimiters (templates write {{'...'}}) nor "natural operator precedence",
    // which reads `not x is defined` as `(not x) is defined`.
    LegacyOverrides pythonLike =
        LegacyOverrides.newBuilder()
            .withEvaluateMapKeys(true)
            .withIterateOverMapKeys(true)
            .withUsePyishObjectMapper(true)
            .withUseSnakeCasePropertyNaming(true)
            .withParseWhitespaceControlStrictly(true)
            .withAllowAdjacentTextNodes(true)
            .withUseTrimmingForNotesAndExpressions(true)
            .withKeepNullableLoopValues(true)
            .withHandleBackslashInQuotesOnly(true)
            .build();
    CompositeELResolver resolver = new CompositeELResolver();
    resolver.add(new PythonStringMethods());
    resolver.add(JinjavaInterpreterResolver.DEFAULT_RESOLVER_READ_ONLY);
    JinjavaConfig config =
        JinjavaConfig.newBuilder()
            .withTrimBlocks(true)
            .withLstripBlocks(true)
            // jinjava's "false" strips the last newline of the output; Jinja2 strips it from the
            // source, which normalizeNewlines does.
            .withKeepTrailingNewline(true)
            // By default jinjava renders template syntax found inside values: user text.
            .withNestedInterpretationEnabled(false)
            .withLegacyOverrides(pythonLike)
            .withElResolver(resolver)
            .withDateTimeProvider(clock::millis)
            .withTimeZone(clock.getZone())
            .build();
    Jinjava jinjava = new Jinjava(config);
    Context global = jinjava.getGlobalContext();
    global.registerFunction(
        new ELFunctionDefinition(
            "", "raise_exception", ChatTemplate.class, "raiseException", Object.class));
    global.registerFunction(
        new ELFunctionDefinition(
            "", "strftime_now", ChatTemplate.class, "strftimeNow", String.class));
    global.registerTag(new FilteringForTag());
    global.registerTag(new GenerationTag());
    return jinjava;
  }

  /** Jinja2 turns \r\n and \r into \n and drops one trailing newline of the source. */
  private static String normalizeNewlines(String source) {
    String normalized = source.replace("\r\n", "\n").replace('\r', '\n');
    return normalized.endsWith("\n")
        ? normalized.substring(0, normalized.length() - 1)
        : normalized;
  }

  /** {@code raise_exception(message)}, which HF templates call to reject a conversation. */
  private static Object raiseException(Object message) {
    throw new RaisedByTemplate(String.valueOf(message));
  }

  /** {@code strftime_now(format)}: Python's {@code datetime.now().strftime(format)}. */
  private static String strftimeNow(String format) {
    JinjavaConfig config = JinjavaInterpreter.getCurrent().getConfig();
    LocalDateTime now =
        LocalDateTime.ofInstant(
            Instant.ofEpochMilli(config.getDateTimeProvider().getCurrentTimeMillis()),
            config.getTimeZone());
    return PythonStrftime.strftime(format, now);
  }

  /** What {@code raise_exception} throws, so that render can tell it from other failures. */
  private static final class RaisedByTemplate extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RaisedByTemplate(String message) {
      super(message);
    }
  }

}
