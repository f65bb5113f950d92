package io.watchstream.processor.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LogPatternTest {

  static boolean m(String pattern, String line) {
    return LogPattern.parse(pattern).matches(line);
  }

  @Test
  void emptyPatternMatchesEverything() {
    assertThat(m("", "anything")).isTrue();
    assertThat(m("  ", "")).isTrue();
  }

  @Test
  void plainTermsAreCaseSensitiveAndAllRequired() {
    assertThat(m("ERROR timeout", "ERROR: upstream timeout")).isTrue();
    assertThat(m("ERROR timeout", "ERROR: upstream refused")).isFalse();
    assertThat(m("ERROR", "error: lower case")).isFalse();
  }

  @Test
  void quotedPhrasesMatchAsAWhole() {
    assertThat(m("\"Failed password\"", "sshd[1]: Failed password for root from 1.2.3.4")).isTrue();
    assertThat(m("\"Failed password\"", "Failed to check password")).isFalse();
    assertThat(m("\"say \\\"hi\\\"\"", "they say \"hi\" often")).isTrue();
  }

  @Test
  void optionalAndExcludedTerms() {
    assertThat(m("?ERROR ?WARN", "WARN disk 91%")).isTrue();
    assertThat(m("?ERROR ?WARN", "INFO ok")).isFalse();
    assertThat(m("ERROR -healthcheck", "ERROR in healthcheck")).isFalse();
    assertThat(m("ERROR -healthcheck", "ERROR in checkout")).isTrue();
    assertThat(m("-\"GET /health\"", "GET /health 200")).isFalse();
  }

  @Test
  void regexesInPercentOrSlashes() {
    assertThat(m("%5\\d\\d%", "GET /x 503 12ms")).isTrue();
    assertThat(m("/latency=[0-9]{4,}ms/", "latency=12000ms")).isTrue();
    assertThat(m("/latency=[0-9]{4,}ms/", "latency=12ms")).isFalse();
  }

  @Test
  void jsonConditions() {
    String line = "{\"level\":\"ERROR\",\"latency\":812,\"user\":{\"id\":\"u-1\"},\"tags\":[\"a\",\"b\"],\"ok\":false,\"x\":null}";
    assertThat(m("{ $.level = \"ERROR\" }", line)).isTrue();
    assertThat(m("{ $.level = ERR* }", line)).isTrue();
    assertThat(m("{ $.level != \"ERROR\" }", line)).isFalse();
    assertThat(m("{ $.latency > 500 && $.user.id = \"u-1\" }", line)).isTrue();
    assertThat(m("{ $.latency > 1000 || $.tags[1] = \"b\" }", line)).isTrue();
    assertThat(m("{ ($.latency > 1000 || $.tags[1] = \"c\") && $.level = ERROR }", line)).isFalse();
    assertThat(m("{ $.ok IS FALSE }", line)).isTrue();
    assertThat(m("{ $.x IS NULL }", line)).isTrue();
    assertThat(m("{ $.missing NOT EXISTS }", line)).isTrue();
    assertThat(m("{ $.latency <= 812 }", line)).isTrue();
    assertThat(m("{ $.level = \"ERROR\" }", "not json ERROR")).isFalse();
  }

  @Test
  void spaceDelimitedFieldsByPositionWithEllipsis() {
    String line = "127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] \"GET /apache_pb.gif HTTP/1.0\" 503 2326";
    assertThat(m("[ip, id, user, timestamp, request, status_code = 5*, bytes]", line)).isTrue();
    assertThat(m("[ip, id, user, timestamp, request, status_code = 4*, bytes]", line)).isFalse();
    assertThat(m("[..., status_code = 503, bytes > 1000]", line)).isTrue();
    assertThat(m("[ip = 127.*, ...]", line)).isTrue();
    assertThat(m("[ip, ..., bytes < 1000]", line)).isFalse();
    assertThat(m("[a, b]", line)).isFalse();
    assertThat(m("[ip, id, user = frank || user = bob, ...]", line)).isTrue();
  }

  @Test
  void malformedPatternsAreRejectedWithAMessage() {
    assertThatThrownBy(() -> LogPattern.parse("{ $.a = }")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> LogPattern.parse("{ $.a = 1")).hasMessageContaining("must end with '}'");
    assertThatThrownBy(() -> LogPattern.parse("%(%")).hasMessageContaining("invalid regex");
    assertThatThrownBy(() -> LogPattern.parse("[a, ..., b, ...]")).hasMessageContaining("only one '...'");
    assertThatThrownBy(() -> LogPattern.parse("\"unclosed")).hasMessageContaining("unterminated");
  }

  @Test
  void deeplyNestedConditionsAreRejectedAndLongChainsEvaluateOnASmallStack() throws Exception {
    assertThatThrownBy(() -> LogPattern.parse("{ " + "(".repeat(2000) + "$.a = 1" + ")".repeat(2000) + " }"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nested");
    assertThat(LogPattern.parse("{ " + "(".repeat(64) + "$.a = 1" + ")".repeat(64) + " }").matches("{\"a\":1}")).isTrue();
    Throwable[] thrown = new Throwable[1];
    boolean[] matched = new boolean[2];
    Thread small = new Thread(null, () -> {
      try {
        matched[0] = LogPattern.parse("{ $.a = 1" + " && $.a = 1".repeat(370) + " }").matches("{\"a\":1}");
        matched[1] = LogPattern.parse("{ $.b = 1" + " || $.b = 1".repeat(369) + " || $.a = 1 }").matches("{\"a\":1}");
      } catch (Throwable t) {
        thrown[0] = t;
      }
    }, "small-stack", 256 * 1024);
    small.start();
    small.join();
    assertThat(thrown[0]).isNull();
    assertThat(matched).containsExactly(true, true);
  }

  @Test
  void catastrophicRegexGivesUpInsteadOfHanging() {
    LogPattern evil = LogPattern.parse("%(a+)+$%");
    long start = System.nanoTime();
    assertThat(evil.matches("a".repeat(40) + "!")).isFalse();
    assertThat(System.nanoTime() - start).isLessThan(2_000_000_000L);
  }

  @Test
  void fieldExtractorsForNewTermRules() {
    assertThat(FieldExtractor.parse("$.user.id").extract(new LogLine("{\"user\":{\"id\":\"u-7\"}}"))).isEqualTo("u-7");
    assertThat(FieldExtractor.parse("$3").extract(new LogLine("a b c d"))).isEqualTo("c");
    assertThat(FieldExtractor.parse("$9").extract(new LogLine("a b"))).isNull();
    assertThat(FieldExtractor.parse("for (\\S+) from").extract(new LogLine("Accepted publickey for deploy from 10.0.0.1"))).isEqualTo("deploy");
  }
}
