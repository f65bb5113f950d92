package io.watchstream.processor.logs;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Any pattern text either parses or is rejected with IllegalArgumentException; any line matches or not, quickly, never throws. */
class LogPatternPropertiesTest {

  @Provide
  Arbitrary<String> patternish() {
    return Arbitraries.strings().withChars("{}[]()$.=!<>&|\"%/?-*, abc0129\\ISNULTREXO").ofMaxLength(40);
  }

  @Provide
  Arbitrary<String> lines() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(200),
        Arbitraries.strings().withChars("{}[]\":,abc 0123.-").ofMaxLength(200));
  }

  @Property(tries = 1500)
  void parsingNeverFailsOtherThanWithIllegalArgument(@ForAll("patternish") String pattern, @ForAll("lines") String line) {
    LogPattern p;
    try {
      p = LogPattern.parse(pattern);
    } catch (IllegalArgumentException rejected) {
      return;
    }
    long start = System.nanoTime();
    p.matches(line);
    p.matches("{\"a\":" + line.length() + ",\"b\":\"" + line.replace("\"", "") + "\"}");
    assertThat(System.nanoTime() - start).isLessThan(1_000_000_000L);
  }

  @Property(tries = 300)
  void quotedPhraseMatchesExactlyTheLinesContainingIt(@ForAll("lines") String line, @ForAll("lines") String phrase) {
    String clean = phrase.replace("\"", "").replace("\\", "").strip();
    if (clean.isEmpty()) {
      return;
    }
    LogPattern p = LogPattern.parse("\"" + clean + "\"");
    assertThat(p.matches(line)).isEqualTo(line.substring(0, Math.min(line.length(), LogLine.MAX_LENGTH)).contains(clean));
    assertThat(p.matches(line + clean)).isTrue();
  }

  @Property(tries = 200)
  void fieldExtractorsNeverThrow(@ForAll("patternish") String spec, @ForAll("lines") String line) {
    FieldExtractor f;
    try {
      f = FieldExtractor.parse(spec);
    } catch (IllegalArgumentException rejected) {
      return;
    }
    f.extract(new LogLine(line));
  }
}
