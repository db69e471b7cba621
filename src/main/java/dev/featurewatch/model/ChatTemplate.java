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
import com.hubspot.jinjava.interpret.TemplateSyntaxException;
import com.hubspot.jinjava.lib.fn.ELFunctionDefinition;
import com.hubspot.jinjava.lib.tag.ForTag;
import com.hubspot.jinjava.lib.tag.Tag;
import com.hubspot.jinjava.tree.Node;
import com.hubspot.jinjava.tree.TagNode;
import com.hubspot.jinjava.util.ForLoop;
import com.hubspot.jinjava.util.ObjectIterator;
import com.hubspot.jinjava.util.ObjectTruthValue;
import java.beans.FeatureDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jinjava.javax.el.CompositeELResolver;
import jinjava.javax.el.ELContext;
import jinjava.javax.el.ELResolver;

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
  private static final Pattern REVERSE_SLICE = Pattern.compile("\\[\\s*:\\s*:\\s*-\\s*1\\s*\\]");
  private static final Pattern END_RAW = Pattern.compile("\\{%[-+]?\\s*endraw\\s*[-+]?%\\}");

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
        rewriteForJinjava(normalizeNewlines(source)),
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

  /**
   * Rewrites two pieces of Python syntax that jinjava parses differently, both in Qwen3's template:
   *
   * <ul>
   *   <li>keyword argument values get parentheses: jinjava parses {@code name=value} as an operator
   *       binding like {@code +}, so {@code namespace(i=messages|length - 1)} would be {@code
   *       (i=messages|length) - 1};
   *   <li>{@code x[::-1]} becomes {@code (x|reverse)}: jinjava has no slice steps, and its {@code
   *       reverse} gives a list for a list and a string for a string, as the slice does.
   * </ul>
   *
   * Only the insides of {@code {{ }}} and {@code {% %}} are touched, never string literals,
   * comments, raw blocks or macro signatures (whose defaults jinjava parses separately).
   */
  static String rewriteForJinjava(String source) {
    StringBuilder out = new StringBuilder(source.length() + 16);
    int i = 0;
    while (i < source.length()) {
      if (source.startsWith("{#", i)) {
        int end = source.indexOf("#}", i + 2);
        end = end < 0 ? source.length() : end + 2;
        out.append(source, i, end);
        i = end;
      } else if (source.startsWith("{{", i) || source.startsWith("{%", i)) {
        String closer = source.charAt(i + 1) == '{' ? "}}" : "%}";
        int end = endOfTag(source, i + 2, closer);
        String body = source.substring(i + 2, end);
        String keyword = body.replaceFirst("^[-+]?\\s*", "");
        if (closer.equals("%}") && keyword.matches("(?s)raw\\b.*")) {
          Matcher endRaw = END_RAW.matcher(source);
          int rawEnd = endRaw.find(end) ? endRaw.end() : source.length();
          out.append(source, i, rawEnd);
          i = rawEnd;
          continue;
        }
        out.append(source, i, i + 2);
        if (closer.equals("%}") && keyword.matches("(?s)(macro|call)\\b.*")) {
          out.append(body);
        } else {
          rewriteExpression(body, out);
        }
        end = Math.min(end + 2, source.length());
        out.append(source, i + 2 + body.length(), end);
        i = end;
      } else {
        out.append(source.charAt(i++));
      }
    }
    return out.toString();
  }

  /** Index of the closer of a tag whose body starts at {@code from}, skipping string literals. */
  private static int endOfTag(String source, int from, String closer) {
    char quote = 0;
    for (int i = from; i < source.length(); i++) {
      char c = source.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (source.startsWith(closer, i)) {
        return i;
      }
    }
    return source.length();
  }

  private static void rewriteExpression(String expression, StringBuilder out) {
    int start = out.length();
    // One entry per open bracket: the bracket, and whether a keyword value is open inside it.
    StringBuilder brackets = new StringBuilder();
    StringBuilder valueOpen = new StringBuilder();
    Matcher reverse = REVERSE_SLICE.matcher(expression);
    char quote = 0;
    for (int i = 0; i < expression.length(); i++) {
      char c = expression.charAt(i);
      int top = brackets.length() - 1;
      if (quote != 0) {
        out.append(c);
        if (c == '\\' && i + 1 < expression.length()) {
          out.append(expression.charAt(++i));
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        out.append(c);
      } else if (c == '[' && reverse.region(i, expression.length()).lookingAt()) {
        out.insert(startOfOperand(out, start), '(').append("|reverse)");
        i = reverse.end() - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        brackets.append(c);
        valueOpen.append('n');
        out.append(c);
      } else if ((c == ')' || c == ']' || c == '}') && top >= 0) {
        if (valueOpen.charAt(top) == 'y') {
          out.append(')');
        }
        brackets.setLength(top);
        valueOpen.setLength(top);
        out.append(c);
      } else if (c == ',' && top >= 0 && valueOpen.charAt(top) == 'y') {
        out.append("),");
        valueOpen.setCharAt(top, 'n');
      } else if (c == '='
          && top >= 0
          && brackets.charAt(top) == '('
          && valueOpen.charAt(top) == 'n'
          && isKeywordAssignment(expression, i)) {
        out.append("=(");
        valueOpen.setCharAt(top, 'y');
      } else {
        out.append(c);
      }
    }
    // An unbalanced expression is left for jinjava to report.
    for (int top = brackets.length() - 1; top >= 0; top--) {
      if (valueOpen.charAt(top) == 'y') {
        out.append(')');
      }
    }
  }

  /**
   * Start of the operand that ends {@code out}: a name with attribute and index accesses and calls,
   * or a string literal, but not before {@code limit}.
   */
  private static int startOfOperand(StringBuilder out, int limit) {
    int p = out.length();
    while (p > limit) {
      char c = out.charAt(p - 1);
      if (c == ')' || c == ']') {
        int depth = 0;
        do {
          char d = out.charAt(--p);
          depth += d == ')' || d == ']' ? 1 : d == '(' || d == '[' ? -1 : 0;
        } while (depth > 0 && p > limit);
      } else if (c == '\'' || c == '"') {
        p--;
        while (p > limit && out.charAt(p - 1) != c) {
          p--;
        }
        p = Math.max(p - 1, limit);
      } else if (Character.isLetterOrDigit(c) || c == '_' || c == '.') {
        p--;
      } else {
        break;
      }
    }
    return p;
  }

  /** Whether the {@code =} at {@code at} follows a name (so is not part of ==, <=, != or >=). */
  private static boolean isKeywordAssignment(String expression, int at) {
    if (at + 1 < expression.length() && expression.charAt(at + 1) == '=') {
      return false;
    }
    int before = at - 1;
    while (before >= 0 && Character.isWhitespace(expression.charAt(before))) {
      before--;
    }
    return before >= 0
        && (Character.isLetterOrDigit(expression.charAt(before))
            || expression.charAt(before) == '_');
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
    return strftime(format, now);
  }

  /**
   * Python's strftime in the C locale for the directives chat templates use, plus glibc's {@code -}
   * flag (no padding). {@code %Z} and {@code %z} are empty, as for Python's naive datetimes.
   */
  static String strftime(String format, LocalDateTime t) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%' || i + 1 == format.length()) {
        out.append(c);
        continue;
      }
      char d = format.charAt(++i);
      boolean pad = true;
      if (d == '-' && i + 1 < format.length()) {
        pad = false;
        d = format.charAt(++i);
      }
      switch (d) {
        case 'a' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'A' -> out.append(t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'b', 'h' -> out.append(t.getMonth().getDisplayName(TextStyle.SHORT, Locale.ENGLISH));
        case 'B' -> out.append(t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        case 'd' -> out.append(number(t.getDayOfMonth(), 2, pad));
        case 'e' ->
            out.append(
                pad ? String.format(Locale.ROOT, "%2d", t.getDayOfMonth()) : t.getDayOfMonth());
        case 'm' -> out.append(number(t.getMonthValue(), 2, pad));
        case 'y' -> out.append(number(t.getYear() % 100, 2, pad));
        case 'Y' -> out.append(t.getYear());
        case 'H' -> out.append(number(t.getHour(), 2, pad));
        case 'I' -> out.append(number((t.getHour() + 11) % 12 + 1, 2, pad));
        case 'M' -> out.append(number(t.getMinute(), 2, pad));
        case 'S' -> out.append(number(t.getSecond(), 2, pad));
        case 'p' -> out.append(t.getHour() < 12 ? "AM" : "PM");
        case 'j' -> out.append(number(t.getDayOfYear(), 3, pad));
        case 'Z', 'z' -> {}
        case '%' -> out.append('%');
        default ->
            throw new IllegalArgumentException(
                "strftime_now: unsupported directive %" + d + " in \"" + format + "\"");
      }
    }
    return out.toString();
  }

  private static String number(int value, int width, boolean pad) {
    String digits = Integer.toString(value);
    return pad && digits.length() < width ? "0".repeat(width - digits.length()) + digits : digits;
  }

  /** What {@code raise_exception} throws, so that render can tell it from other failures. */
  private static final class RaisedByTemplate extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RaisedByTemplate(String message) {
      super(message);
    }
  }

  /**
   * The Python {@code str} methods that chat templates call. jinjava would otherwise find only
   * Java's methods ({@code strip()} exists there, {@code startswith} does not, and Java's {@code
   * split} takes a regular expression).
   */
  private static final class PythonStringMethods extends ELResolver {

    @Override
    public Object invoke(
        ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
      if (!(base instanceof String) || method == null) {
        return null;
      }
      String s = (String) base;
      Object[] args = params == null ? new Object[0] : params;
      Object result =
          switch (method.toString()) {
            case "strip" -> args.length <= 1 ? strip(s, chars(args), true, true) : null;
            case "lstrip" -> args.length <= 1 ? strip(s, chars(args), true, false) : null;
            case "rstrip" -> args.length <= 1 ? strip(s, chars(args), false, true) : null;
            case "startswith" -> args.length == 1 ? affix(s, args[0], true) : null;
            case "endswith" -> args.length == 1 ? affix(s, args[0], false) : null;
            case "split" -> args.length <= 2 ? split(s, args) : null;
            case "upper" -> args.length == 0 ? s.toUpperCase(Locale.ROOT) : null;
            case "lower" -> args.length == 0 ? s.toLowerCase(Locale.ROOT) : null;
            default -> null;
          };
      if (result != null) {
        context.setPropertyResolved(true);
      }
      return result;
    }

    /** The chars argument of strip: null (whitespace), a string, or not applicable. */
    private static String chars(Object[] args) {
      if (args.length == 0 || args[0] == null) {
        return null;
      }
      return args[0] instanceof String ? (String) args[0] : "";
    }

    private static String strip(String s, String chars, boolean left, boolean right) {
      int start = 0;
      int end = s.length();
      while (left && start < end && strippable(s.codePointAt(start), chars)) {
        start += Character.charCount(s.codePointAt(start));
      }
      while (right && end > start && strippable(s.codePointBefore(end), chars)) {
        end -= Character.charCount(s.codePointBefore(end));
      }
      return s.substring(start, end);
    }

    private static boolean strippable(int codePoint, String chars) {
      if (chars == null) { // Python's str.isspace, which includes no-break spaces
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
      }
      return chars.indexOf(codePoint) >= 0;
    }

    /** startswith/endswith with a string or a sequence of strings; null if neither. */
    private static Boolean affix(String s, Object arg, boolean prefix) {
      if (arg instanceof String a) {
        return prefix ? s.startsWith(a) : s.endsWith(a);
      }
      if (arg instanceof Iterable<?> options) {
        for (Object option : options) {
          if (!(option instanceof String a)) {
            return null;
          }
          if (prefix ? s.startsWith(a) : s.endsWith(a)) {
            return true;
          }
        }
        return false;
      }
      return null;
    }

    /** Python's split: literal separator, or runs of whitespace when none is given. */
    private static List<String> split(String s, Object[] args) {
      String sep = args.length > 0 && args[0] != null ? String.valueOf(args[0]) : null;
      int maxSplit = args.length > 1 ? ((Number) args[1]).intValue() : -1;
      List<String> parts = new ArrayList<>();
      if (sep == null) {
        String rest = strip(s, null, true, false);
        while (!rest.isEmpty()) {
          if (maxSplit >= 0 && parts.size() == maxSplit) {
            parts.add(rest);
            break;
          }
          int cut = 0;
          while (cut < rest.length() && !strippable(rest.codePointAt(cut), null)) {
            cut += Character.charCount(rest.codePointAt(cut));
          }
          parts.add(rest.substring(0, cut));
          rest = strip(rest.substring(cut), null, true, false);
        }
        return parts;
      }
      if (sep.isEmpty()) {
        throw new IllegalArgumentException("split: empty separator");
      }
      int from = 0;
      int at;
      while ((maxSplit < 0 || parts.size() < maxSplit) && (at = s.indexOf(sep, from)) >= 0) {
        parts.add(s.substring(from, at));
        from = at + sep.length();
      }
      parts.add(s.substring(from));
      return parts;
    }

    // Only method calls are handled; properties go to the next resolver.

    @Override
    public Object getValue(ELContext context, Object base, Object property) {
      return null;
    }

    @Override
    public Class<?> getType(ELContext context, Object base, Object property) {
      return null;
    }

    @Override
    public void setValue(ELContext context, Object base, Object property, Object value) {}

    @Override
    public boolean isReadOnly(ELContext context, Object base, Object property) {
      return true;
    }

    @Override
    public Iterator<FeatureDescriptor> getFeatureDescriptors(ELContext context, Object base) {
      return null;
    }

    @Override
    public Class<?> getCommonPropertyType(ELContext context, Object base) {
      return null;
    }
  }

  /**
   * {@code for} with Jinja2's loop filter ({@code for x in xs if cond}): jinjava would evaluate
   * {@code xs if cond} as one expression and loop over everything. Filtering first also makes
   * {@code loop.index}, {@code loop.first} and {@code loop.last} count only the kept items, as in
   * Jinja2.
   */
  private static final class FilteringForTag extends ForTag {
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
      char quote = 0;
      for (int i = 0; i < helpers.length(); i++) {
        char c = helpers.charAt(i);
        if (quote != 0) {
          if (c == '\\') {
            i++;
          } else if (c == quote) {
            quote = 0;
          }
        } else if (c == '\'' || c == '"') {
          quote = c;
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

  /**
   * {@code {% generation %}...{% endgeneration %}}: in {@code transformers} it marks assistant text
   * for training masks; for rendering it is its body.
   */
  private static final class GenerationTag implements Tag {
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
}
