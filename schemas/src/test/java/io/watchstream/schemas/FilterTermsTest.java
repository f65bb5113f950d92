package io.watchstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FilterTermsTest {

  @Test
  void termsAndQuotedPhrasesMustAllOccur() {
    assertThat(FilterTerms.parse("\"Failed password\"").matches("sshd[1]: Failed password for root")).isTrue();
    assertThat(FilterTerms.parse("\"Failed password\"").matches("sshd[1]: Failed publickey")).isFalse();
    assertThat(FilterTerms.parse("ERROR timeout").matches("ERROR: db timeout")).isTrue();
    assertThat(FilterTerms.parse("ERROR timeout").matches("ERROR: db down")).isFalse();
  }

  @Test
  void oneOfTheOptionalTermsMustOccurAndNoExcludedOne() {
    assertThat(FilterTerms.parse("?ERROR ?WARN").matches("WARN disk")).isTrue();
    assertThat(FilterTerms.parse("?ERROR ?WARN").matches("INFO ok")).isFalse();
    assertThat(FilterTerms.parse("sshd -Accepted").matches("sshd: Accepted key")).isFalse();
    assertThat(FilterTerms.parse("sshd -Accepted").matches("sshd: Invalid user")).isTrue();
    assertThat(FilterTerms.parse("-\"GET /health\"").matches("GET /health 200")).isFalse();
  }

  @Test
  void parsesIntoItsThreeLists() {
    assertThat(FilterTerms.parse(" a \"b c\" ?d -e ? - \"q\\\"x\" "))
        .isEqualTo(new FilterTerms(List.of("a", "b c", "?", "-", "q\"x"), List.of("d"), List.of("e")));
  }

  @Test
  void nothingMatchesEverythingAndNullReadsAsEmpty() {
    assertThat(FilterTerms.parse(null)).isEqualTo(FilterTerms.MATCH_ALL);
    assertThat(FilterTerms.parse("  ").matches(null)).isTrue();
    assertThat(FilterTerms.parse("x").matches(null)).isFalse();
  }

  @Test
  void anUnterminatedPhraseIsRefused() {
    assertThatThrownBy(() -> FilterTerms.parse("\"open")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unterminated quoted phrase");
  }
}
