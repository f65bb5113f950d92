package io.watchstream.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

  @ParameterizedTest(name = "{0} is {1}")
  @CsvSource({
      "60, PT1M", "0, PT0S", "250ms, PT0.25S", "90s, PT1M30S", "10m, PT10M", "2h, PT2H", "1d, PT24H",
      "5M, PT5M", "2H, PT2H", "1500MS, PT1.5S", "7D, PT168H", "' 5 m ', PT5M", "PT5M, PT5M", "pt1h30m, PT1H30M",
      "P1D, PT24H"})
  void acceptsEveryFormAnyServiceAcceptedBefore(String text, String expected) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.parse(expected));
  }

  @Test
  void aBadDurationIsRefusedNamingOnlyTheToken() {
    assertThatThrownBy(() -> Durations.parse("5 minutes"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'5 minutes' is not a duration (use e.g. 60, 90s, 5m, 2h, 7d or PT5M)");
  }

  @Test
  void aLongBadTokenIsCutInTheMessage() {
    String secret = "xoxb-123456789012-123456789012-abcdefghijklmnop";
    assertThatThrownBy(() -> Durations.parse(secret))
        .hasMessageNotContaining(secret)
        .hasMessageContaining("xoxb-1234");
  }

  @Test
  void nullIsRefused() {
    assertThatThrownBy(() -> Durations.parse(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"PT5M, 5m", "PT1.5S, 1500ms", "PT0S, 0s", "PT48H, 2d", "PT2H, 2h", "PT90S, 90s"})
  void formatWritesTheShortestSpellingThatParsesBack(String iso, String expected) {
    Duration d = Duration.parse(iso);
    assertThat(Durations.format(d)).isEqualTo(expected);
    assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
  }

  record Holder(Duration every) {}

  @Test
  void theJacksonModuleReadsStringsAndWholeSecondsAndRefusesTheRest() throws Exception {
    ObjectMapper json = JsonMapper.builder().addModule(Durations.jacksonModule()).build();
    assertThat(json.readValue("{\"every\":\"5m\"}", Holder.class).every()).isEqualTo(Duration.ofMinutes(5));
    assertThat(json.readValue("{\"every\":90}", Holder.class).every()).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> json.readValue("{\"every\":\"soon\"}", Holder.class)).isInstanceOf(InvalidFormatException.class);
  }
}
