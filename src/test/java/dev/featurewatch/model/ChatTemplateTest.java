package dev.featurewatch.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Expected strings are what Python Jinja2 3.1 renders with {@code transformers}' settings ({@code
 * ImmutableSandboxedEnvironment(trim_blocks=True, lstrip_blocks=True)}, loop controls, {@code
 * raise_exception}, {@code strftime_now} at 2024-07-04 15:05:09).
 */
class ChatTemplateTest {

  /** meta-llama/Llama-2-7b-chat-hf, verbatim (JSON's \\n unescaped to Jinja's \n). */
  static final String LLAMA2 =
      "{% if messages[0]['role'] == 'system' %}{% set loop_messages = messages[1:] %}{% set"
          + " system_message = messages[0]['content'] %}{% else %}{% set loop_messages = messages"
          + " %}{% set system_message = false %}{% endif %}{% for message in loop_messages %}{% if"
          + " (message['role'] == 'user') != (loop.index0 % 2 == 0) %}{{"
          + " raise_exception('Conversation roles must alternate"
          + " user/assistant/user/assistant/...') }}{% endif %}{% if loop.index0 == 0 and"
          + " system_message != false %}{% set content = '<<SYS>>\\n"
          + "' + system_message + '\\n"
          + "<</SYS>>\\n"
          + "\\n"
          + "' + message['content'] %}{% else %}{% set content = message['content'] %}{% endif %}{%"
          + " if message['role'] == 'user' %}{{ bos_token + '[INST] ' + content.strip() + '"
          + " [/INST]' }}{% elif message['role'] == 'assistant' %}{{ ' '  + content.strip() + ' ' +"
          + " eos_token }}{% endif %}{% endfor %}";

  /** google/gemma-2b-it, verbatim. */
  static final String GEMMA =
      "{{ bos_token }}{% if messages[0]['role'] == 'system' %}{{ raise_exception('System role not"
          + " supported') }}{% endif %}{% for message in messages %}{% if (message['role'] =="
          + " 'user') != (loop.index0 % 2 == 0) %}{{ raise_exception('Conversation roles must"
          + " alternate user/assistant/user/assistant/...') }}{% endif %}{% if (message['role'] =="
          + " 'assistant') %}{% set role = 'model' %}{% else %}{% set role = message['role'] %}{%"
          + " endif %}{{ '<start_of_turn>' + role + '\\n"
          + "' + message['content'] | trim + '<end_of_turn>\\n"
          + "' }}{% endfor %}{% if add_generation_prompt %}{{'<start_of_turn>model\\n"
          + "'}}{% endif %}";

  /**
   * ChatML laid out one block per line, as Qwen2.5 and SmolLM3 write their templates; the output is
   * only right with trim_blocks and lstrip_blocks.
   */
  static final String CHATML =
      """
      {% for message in messages %}
          {% if loop.first and message['role'] != 'system' %}
      <|im_start|>system
      You are a helpful assistant.<|im_end|>
          {% endif %}
      <|im_start|>{{ message['role'] }}
      {{ message['content'] | trim }}<|im_end|>
      {% endfor %}
      {% if add_generation_prompt %}
      <|im_start|>assistant
      {% endif %}
      """;

  /** namespace(), {%- -%}, a loop filter, loop.last and strftime_now, Llama 3.1 style. */
  static final String NAMESPACED =
      """
      {{- bos_token }}
      {%- set ns = namespace(system='', turns=0) %}
      {%- for message in messages %}
          {%- if message.role == 'system' %}
              {%- set ns.system = message.content | trim %}
          {%- elif message.role == 'user' %}
              {%- set ns.turns = ns.turns + 1 %}
          {%- endif %}
      {%- endfor %}
      {{- '<|system|>\\nToday is ' + strftime_now('%d %b %Y') + '.' }}
      {%- if ns.system %}
          {{- ' ' + ns.system }}
      {%- endif %}
      {{- ' User turns: ' + ns.turns|string + '\\n' }}
      {%- for message in messages if message.role != 'system' %}
          {{- '<|' + message.role + '|>\\n' + message.content | trim }}
          {%- if not loop.last %}{{ '\\n' }}{% endif %}
      {%- endfor %}
      {%- if add_generation_prompt %}
          {{- '\\n<|assistant|>\\n' }}
      {%- endif %}
      """;

  /** The Python string methods Qwen3 and Qwen2.5 call on message content. */
  static final String PYTHON_METHODS =
      """
{%- for message in messages %}
    {%- set content = message.content %}
    {%- if message.role == 'assistant' and '</think>' in content %}
        {%- set content = content.split('</think>')[-1].lstrip('\\n') %}
    {%- endif %}
    {%- if content.startswith('<tool_response>') and content.endswith('</tool_response>') %}
        {{- '[tool]' }}
    {%- endif %}
    {{- message.role.upper() + ':' + content.rstrip() + '|' }}
    {{- content.split() | join(',') + '|' + content.split('a', 1) | length | string + '\\n' }}
{%- endfor %}
""";

  /** Qwen/Qwen3-8B without its tools branch: namespace(k=expr), [::-1], Python methods. */
  static final String QWEN3 =
      """
{%- if tools %}
    {{- '<|im_start|>system\\n' }}
{%- else %}
    {%- if messages[0].role == 'system' %}
        {{- '<|im_start|>system\\n' + messages[0].content + '<|im_end|>\\n' }}
    {%- endif %}
{%- endif %}
{%- set ns = namespace(multi_step_tool=true, last_query_index=messages|length - 1) %}
{%- for message in messages[::-1] %}
    {%- set index = (messages|length - 1) - loop.index0 %}
    {%- if ns.multi_step_tool and message.role == "user" and message.content is string and not(message.content.startswith('<tool_response>') and message.content.endswith('</tool_response>')) %}
        {%- set ns.multi_step_tool = false %}
        {%- set ns.last_query_index = index %}
    {%- endif %}
{%- endfor %}
{%- for message in messages %}
    {%- if message.content is string %}
        {%- set content = message.content %}
    {%- else %}
        {%- set content = '' %}
    {%- endif %}
    {%- if (message.role == "user") or (message.role == "system" and not loop.first) %}
        {{- '<|im_start|>' + message.role + '\\n' + content + '<|im_end|>' + '\\n' }}
    {%- elif message.role == "assistant" %}
        {%- set reasoning_content = '' %}
        {%- if message.reasoning_content is string %}
            {%- set reasoning_content = message.reasoning_content %}
        {%- else %}
            {%- if '</think>' in content %}
                {%- set reasoning_content = content.split('</think>')[0].rstrip('\\n').split('<think>')[-1].lstrip('\\n') %}
                {%- set content = content.split('</think>')[-1].lstrip('\\n') %}
            {%- endif %}
        {%- endif %}
        {%- if loop.index0 > ns.last_query_index %}
            {%- if loop.last or (not loop.last and reasoning_content) %}
                {{- '<|im_start|>' + message.role + '\\n<think>\\n' + reasoning_content.strip('\\n') + '\\n</think>\\n\\n' + content.lstrip('\\n') }}
            {%- else %}
                {{- '<|im_start|>' + message.role + '\\n' + content }}
            {%- endif %}
        {%- else %}
            {{- '<|im_start|>' + message.role + '\\n' + content }}
        {%- endif %}
        {{- '<|im_end|>\\n' }}
    {%- elif message.role == "tool" %}
        {%- if loop.first or (messages[loop.index0 - 1].role != "tool") %}
            {{- '<|im_start|>user' }}
        {%- endif %}
        {{- '\\n<tool_response>\\n' }}
        {{- content }}
        {{- '\\n</tool_response>' }}
        {%- if loop.last or (messages[loop.index0 + 1].role != "tool") %}
            {{- '<|im_end|>\\n' }}
        {%- endif %}
    {%- endif %}
{%- endfor %}
{%- if add_generation_prompt %}
    {{- '<|im_start|>assistant\\n' }}
    {%- if enable_thinking is defined and enable_thinking is false %}
        {{- '<think>\\n\\n</think>\\n\\n' }}
    {%- endif %}
{%- endif %}
""";

  static final Clock JULY_4 =
      Clock.fixed(
          ZonedDateTime.of(2024, 7, 4, 15, 5, 9, 0, ZoneId.of("Europe/Berlin")).toInstant(),
          ZoneId.of("Europe/Berlin"));

  static final List<ChatMessage> WITH_SYSTEM =
      List.of(
          new ChatMessage("system", "Be brief."),
          new ChatMessage("user", " Hi there "),
          new ChatMessage("assistant", "Hello! "),
          new ChatMessage("user", "What is 2+2?"));

  static final List<ChatMessage> WITHOUT_SYSTEM = WITH_SYSTEM.subList(1, 4);

  static final List<ChatMessage> USER_TWICE =
      List.of(new ChatMessage("user", "Hi"), new ChatMessage("user", "Anyone?"));

  @Test
  void llama2() {
    ChatTemplate t = ChatTemplate.of(LLAMA2, "<s>", "</s>");
    assertEquals(
        "<s>[INST] <<SYS>>\nBe brief.\n<</SYS>>\n\n Hi there [/INST] Hello! </s>"
            + "<s>[INST] What is 2+2? [/INST]",
        t.render(WITH_SYSTEM, true));
    assertEquals(
        "<s>[INST] Hi there [/INST] Hello! </s><s>[INST] What is 2+2? [/INST]",
        t.render(WITHOUT_SYSTEM, false));
  }

  @Test
  void llama2RejectsNonAlternatingRoles() {
    ChatTemplate t = ChatTemplate.of(LLAMA2, "<s>", "</s>");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> t.render(USER_TWICE, true));
    assertEquals(
        "Conversation roles must alternate user/assistant/user/assistant/...", e.getMessage());
  }

  @Test
  void chatMl() {
    ChatTemplate t = ChatTemplate.of(CHATML, null, null);
    assertEquals(
        "<|im_start|>system\nBe brief.<|im_end|>\n"
            + "<|im_start|>user\nHi there<|im_end|>\n"
            + "<|im_start|>assistant\nHello!<|im_end|>\n"
            + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n"
            + "<|im_start|>assistant\n",
        t.render(WITH_SYSTEM, true));
    assertEquals(
        "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
            + "<|im_start|>user\nHi<|im_end|>\n"
            + "<|im_start|>user\nAnyone?<|im_end|>\n",
        t.render(USER_TWICE, false));
  }

  @Test
  void gemma() {
    ChatTemplate t = ChatTemplate.of(GEMMA, "<bos>", "<eos>");
    assertEquals(
        "<bos><start_of_turn>user\nHi there<end_of_turn>\n"
            + "<start_of_turn>model\nHello!<end_of_turn>\n"
            + "<start_of_turn>user\nWhat is 2+2?<end_of_turn>\n"
            + "<start_of_turn>model\n",
        t.render(WITHOUT_SYSTEM, true));
    assertEquals(
        "<bos><start_of_turn>user\nHi there<end_of_turn>\n"
            + "<start_of_turn>model\nHello!<end_of_turn>\n"
            + "<start_of_turn>user\nWhat is 2+2?<end_of_turn>\n",
        t.render(WITHOUT_SYSTEM, false));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> t.render(WITH_SYSTEM, true));
    assertEquals("System role not supported", e.getMessage());
  }

  @Test
  void namespaceLoopFilterAndDate() {
    ChatTemplate t = ChatTemplate.of(NAMESPACED, "<s>", "</s>").withClock(JULY_4);
    assertEquals(
        "<s><|system|>\nToday is 04 Jul 2024. Be brief. User turns: 2\n"
            + "<|user|>\nHi there\n<|assistant|>\nHello!\n<|user|>\nWhat is 2+2?"
            + "\n<|assistant|>\n",
        t.render(WITH_SYSTEM, true));
    assertEquals(
        "<s><|system|>\nToday is 04 Jul 2024. User turns: 2\n<|user|>\nHi\n<|user|>\nAnyone?",
        t.render(USER_TWICE, false));
  }

  @Test
  void pythonStringMethods() {
    ChatTemplate t = ChatTemplate.of(PYTHON_METHODS, null, null);
    List<ChatMessage> messages =
        List.of(
            new ChatMessage("user", "a  b\tc "),
            new ChatMessage("assistant", "<think>hmm</think>\n\nbanana  "),
            new ChatMessage("tool", "<tool_response>42</tool_response>"));
    assertEquals(
        "USER:a  b\tc|a,b,c|2\n"
            + "ASSISTANT:banana|banana|2\n"
            + "[tool]TOOL:<tool_response>42</tool_response>|<tool_response>42</tool_response>|1\n",
        t.render(messages, false));
  }

  @Test
  void qwen3() {
    ChatTemplate t = ChatTemplate.of(QWEN3, null, "<|im_end|>");
    List<ChatMessage> messages =
        List.of(
            new ChatMessage("user", "Hi"),
            new ChatMessage("assistant", "<think>\nhmm, greet\n</think>\n\nHello!"),
            new ChatMessage("user", "Weather?"),
            new ChatMessage("assistant", "Checking."),
            new ChatMessage("tool", "sunny"),
            new ChatMessage("tool", "22C"),
            new ChatMessage("assistant", "<think>ok</think>Sunny, 22C."));
    // Reasoning before the last user turn is dropped; after it, it is kept and reformatted.
    assertEquals(
        "<|im_start|>user\nHi<|im_end|>\n"
            + "<|im_start|>assistant\nHello!<|im_end|>\n"
            + "<|im_start|>user\nWeather?<|im_end|>\n"
            + "<|im_start|>assistant\nChecking.<|im_end|>\n"
            + "<|im_start|>user\n<tool_response>\nsunny\n</tool_response>\n"
            + "<tool_response>\n22C\n</tool_response><|im_end|>\n"
            + "<|im_start|>assistant\n<think>\nok\n</think>\n\nSunny, 22C.<|im_end|>\n"
            + "<|im_start|>assistant\n",
        t.render(messages, true));
    assertEquals(
        "<|im_start|>system\nBe brief.<|im_end|>\n"
            + "<|im_start|>user\n Hi there <|im_end|>\n"
            + "<|im_start|>assistant\nHello! <|im_end|>\n"
            + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n",
        t.render(WITH_SYSTEM, false));
  }

  @Test
  void notBindsLooserThanTestsAndFilters() {
    // Llama 3.1 and Mistral write `not x is defined`; Jinja2 reads it as `not (x is defined)`.
    ChatTemplate t =
        ChatTemplate.of(
            "{% if not date_string is defined %}A{% endif %}"
                + "{% if not messages is defined %}B{% endif %}"
                + "{% if not messages|length %}C{% endif %}"
                + "{% if not messages is none %}D{% endif %}",
            null, null);
    assertEquals("ACD", t.render(List.of(), false));
  }

  @Test
  void globalFunctionsAreDefined() {
    // Llama 3.2 only calls strftime_now after checking that it is defined.
    ChatTemplate t =
        ChatTemplate.of(
            "{% if strftime_now is defined %}{{ strftime_now('%Y') }}{% endif %}"
                + "{% if raise_exception is defined %}!{% endif %}",
            null, null);
    assertEquals("2024!", t.withClock(JULY_4).render(List.of(), false));
  }

  @Test
  void keywordArgumentsAndReverseSlices() {
    ChatTemplate t =
        ChatTemplate.of(
            "{% set ns = namespace(s='x' + 'y', n=messages|length - 1) %}{{ ns.s }}{{ ns.n }}|"
                + "{{ 'abc'[::-1] }}|{{ messages[::-1][0].role }}|"
                + "{% for m in messages[::-1] %}{{ m.content }}{% endfor %}",
            null, null);
    assertEquals(
        "xy1|cba|assistant|ba",
        t.render(List.of(new ChatMessage("user", "a"), new ChatMessage("assistant", "b")), false));
  }

  @Test
  void rewriteTouchesOnlyExpressions() {
    assertEquals(
        "{{ f(a=(1), b=(g(c=(x + 1)))) }}",
        JinjaSourceRewriter.rewriteForJinjava("{{ f(a=1, b=g(c=x + 1)) }}"));
    assertEquals(
        "{%- for m in (messages|reverse) -%}{{ (m.content.split('=')|reverse)[0] }}",
        JinjaSourceRewriter.rewriteForJinjava(
            "{%- for m in messages[::-1] -%}{{ m.content.split('=')[::-1][0] }}"));
    String untouched =
        "f(a=1) x[::-1] {{ 'f(a=1)' }}{# f(a=1) #}{% if x == 1 and (y != 2 or z <= 3) %}"
            + "{% macro m(x, y=1) %}{% endmacro %}{% raw %}{{ f(a=1) }}{% endraw %}";
    assertEquals(untouched, JinjaSourceRewriter.rewriteForJinjava(untouched));
  }

  @Test
  void concurrentRenderingAgrees() throws Exception {
    ChatTemplate t = ChatTemplate.of(QWEN3, null, null);
    String withSystem = t.render(WITH_SYSTEM, true);
    String userTwice = t.render(USER_TWICE, true);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int task = 0; task < 8; task++) {
        boolean even = task % 2 == 0;
        results.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 50; i++) {
                    String expected = even ? withSystem : userTwice;
                    if (!expected.equals(t.render(even ? WITH_SYSTEM : USER_TWICE, true))) {
                      return false;
                    }
                  }
                  return true;
                }));
      }
      for (Future<Boolean> result : results) {
        assertTrue(result.get());
      }
    } finally {
      pool.shutdown();
    }
  }

  @Test
  void blocksAreTrimmedLikeTransformers() {
    // trim_blocks drops the newline after a block tag, lstrip_blocks the indentation before it;
    // neither touches {{ }}; one trailing newline of the source is dropped.
    String source = "a\n    {% if true %}\n  b {{ 'c' }}\n    {% endif %}\nd\n  {{ 'e' }}\n";
    assertEquals("a\n  b c\nd\n  e", ChatTemplate.of(source, null, null).render(List.of(), false));
    assertEquals("x\n", ChatTemplate.of("x\n\n", null, null).render(List.of(), false));
    assertEquals("x\ny", ChatTemplate.of("x\r\ny\r\n", null, null).render(List.of(), false));
  }

  @Test
  void contentIsNeverTemplateCode() {
    ChatTemplate t = ChatTemplate.of(CHATML, null, null);
    String evil = "{{ raise_exception('pwned') }}{% if true %}{{ 7 * 6 }}{% endif %}";
    String rendered = t.render(List.of(new ChatMessage("user", evil)), false);
    assertTrue(rendered.contains("<|im_start|>user\n" + evil + "<|im_end|>"), rendered);
  }

  @Test
  void generationTagRendersItsBody() {
    ChatTemplate t =
        ChatTemplate.of(
            "{% for m in messages %}{% generation %}[{{ m.content }}]{% endgeneration %}{% endfor"
                + " %}",
            null, null);
    assertEquals(
        "[a][b]",
        t.render(List.of(new ChatMessage("user", "a"), new ChatMessage("assistant", "b")), false));
  }

  @Test
  void unknownFilterFails() {
    ChatTemplate t = ChatTemplate.of("{{ messages[0].content | shout }}", null, null);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> t.render(List.of(new ChatMessage("user", "a")), false));
    assertTrue(e.getMessage().contains("shout"), e.getMessage());
  }

  @Test
  void syntaxErrorFails() {
    ChatTemplate t =
        ChatTemplate.of("{% for m in messages %}{{ m.content }}{% endfro %}", null, null);
    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> t.render(List.of(new ChatMessage("user", "a")), false));
    assertTrue(e.getMessage().contains("endfro"), e.getMessage());
  }

  @Test
  void loopFilterOverSeveralVariablesFailsLoudly() {
    // Jinja2 accepts this; jinjava would silently ignore the filter, so it is refused instead.
    ChatTemplate t =
        ChatTemplate.of("{% for a, b in [[1, 2]] if a %}{{ b }}{% endfor %}", null, null);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> t.render(List.of(), false));
    assertTrue(e.getMessage().contains("single loop variable"), e.getMessage());
  }

  @Test
  void strftimeDirectives() {
    LocalDateTime t = LocalDateTime.of(2024, 7, 4, 15, 5, 9);
    assertEquals("04 Jul 2024", PythonStrftime.strftime("%d %b %Y", t));
    assertEquals("Thursday, July 4, 2024", PythonStrftime.strftime("%A, %B %-d, %Y", t));
    assertEquals(
        "2024-07-04 15:05:09 03:05 PM Thu 186 24 % ",
        PythonStrftime.strftime("%Y-%m-%d %H:%M:%S %I:%M %p %a %j %y %% %Z", t));
    assertThrows(IllegalArgumentException.class, () -> PythonStrftime.strftime("%Q", t));
    ChatTemplate unsupported = ChatTemplate.of("{{ strftime_now('%Q') }}", null, null);
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> unsupported.render(List.of(), false));
    assertTrue(e.getMessage().contains("unsupported directive %Q"), e.getMessage());
  }

  @Test
  void loadsChatTemplateFromTokenizerConfig() {
    ChatTemplate t = ChatTemplate.load(TextTokenizerTest.tinyBpe());
    assertEquals(
        "<|im_start|>user\nhi<|im_end|>\n<|im_start|>assistant\n",
        t.render(List.of(new ChatMessage("user", "hi")), true));
  }

  @Test
  void chatTemplateJinjaTakesPrecedence(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("tokenizer_config.json"),
        "{\"bos_token\": {\"content\": \"<s>\"}, \"chat_template\": \"from config\"}");
    Files.writeString(dir.resolve("chat_template.jinja"), "{{ bos_token }}from file\n");
    assertEquals("<s>from file", ChatTemplate.load(dir).render(List.of(), false));
  }

  @Test
  void namedTemplatesUseDefault(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("tokenizer_config.json"),
        "{\"eos_token\": \"</s>\", \"chat_template\": [{\"name\": \"tool_use\", \"template\":"
            + " \"tools\"}, {\"name\": \"default\", \"template\": \"default{{ eos_token }}\"}]}");
    assertEquals("default</s>", ChatTemplate.load(dir).render(List.of(), false));

    Files.writeString(
        dir.resolve("tokenizer_config.json"),
        "{\"chat_template\": [{\"name\": \"tool_use\", \"template\": \"tools\"}]}");
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> ChatTemplate.load(dir));
    assertTrue(e.getMessage().contains("default"), e.getMessage());
    assertTrue(e.getMessage().contains("tool_use"), e.getMessage());
  }

  @Test
  void missingTemplateIsExplained(@TempDir Path dir) throws Exception {
    ModelLoadException e = assertThrows(ModelLoadException.class, () -> ChatTemplate.load(dir));
    assertTrue(e.getMessage().contains("has no chat template"), e.getMessage());
    assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());

    Files.writeString(dir.resolve("tokenizer_config.json"), "{\"bos_token\": \"<s>\"}");
    e = assertThrows(ModelLoadException.class, () -> ChatTemplate.load(dir));
    assertTrue(
        e.getMessage().contains("tokenizer_config.json has no chat_template"), e.getMessage());
    assertTrue(e.getMessage().contains("use a plain prompt"), e.getMessage());
  }
}
