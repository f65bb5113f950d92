package io.watchstream.ingest.logs;

import io.watchstream.ingest.config.LogSource;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogCheckpointTest {

  private static FetchedLogEvent ev(String stream, String id, long ts) {
    return new FetchedLogEvent("/var/log/secure", stream, id, ts, ts + 5, "line " + id);
  }

  @Test
  void eventsAreEmittedInTimestampOrderAndTheCheckpointKeepsIdsAtTheLastTimestamp() {
    var u = new LogCheckpoint(0, java.util.Map.of()).accept(
        List.of(ev("b", "3", 300), ev("a", "1", 100), ev("a", "2", 300)), Duration.ZERO);

    assertThat(u.emit()).extracting(FetchedLogEvent::eventId).containsExactly("1", "3", "2");
    assertThat(u.next().watermarkMillis()).isEqualTo(300);
    assertThat(u.next().seenIds()).containsOnlyKeys("3", "2");
  }

  @Test
  void rereadFromTheLastTimestampSkipsEventsAlreadyWrittenButKeepsNewOnesAtThatTimestamp() {
    LogCheckpoint cp = new LogCheckpoint(0, java.util.Map.of()).accept(List.of(ev("a", "1", 100), ev("a", "2", 300)), Duration.ZERO).next();
    assertThat(cp.queryStartMillis(Duration.ZERO)).isEqualTo(300);

    var u = cp.accept(List.of(ev("a", "2", 300), ev("b", "9", 300), ev("a", "4", 400)), Duration.ZERO);
    assertThat(u.emit()).extracting(FetchedLogEvent::eventId).containsExactly("9", "4");
    assertThat(u.next().seenIds()).containsOnlyKeys("4");
  }

  @Test
  void nothingNewLeavesTheCheckpointAsItWas() {
    LogCheckpoint cp = new LogCheckpoint(0, java.util.Map.of()).accept(List.of(ev("a", "2", 300)), Duration.ZERO).next();
    var u = cp.accept(List.of(ev("a", "2", 300)), Duration.ZERO);
    assertThat(u.emit()).isEmpty();
    assertThat(u.next()).isEqualTo(cp);
  }

  @Test
  void anEventReturnedTwiceInOnePollIsWrittenOnce() {
    var u = new LogCheckpoint(0, java.util.Map.of()).accept(List.of(ev("a", "1", 100), ev("a", "1", 100)), Duration.ZERO);
    assertThat(u.emit()).hasSize(1);
  }

  @Test
  void overlapCatchesALateIngestedEventAndRemembersIdsInsideIt() {
    Duration overlap = Duration.ofMillis(100);
    LogCheckpoint cp = new LogCheckpoint(0, java.util.Map.of()).accept(List.of(ev("a", "1", 250), ev("a", "2", 300)), overlap).next();
    assertThat(cp.queryStartMillis(overlap)).isEqualTo(200);
    assertThat(cp.seenIds()).containsOnlyKeys("1", "2");

    var u = cp.accept(List.of(ev("a", "1", 250), ev("b", "late", 260), ev("a", "2", 300)), overlap);
    assertThat(u.emit()).extracting(FetchedLogEvent::eventId).containsExactly("late");
    assertThat(u.next().watermarkMillis()).isEqualTo(300);
  }

  @Test
  void filterPatternTermsPhrasesOptionalAndExcludedTerms() {
    assertThat(terms("\"Failed password\"").matches("sshd[1]: Failed password for root")).isTrue();
    assertThat(terms("\"Failed password\"").matches("sshd[1]: Failed publickey")).isFalse();
    assertThat(terms("ERROR timeout").matches("ERROR: db timeout")).isTrue();
    assertThat(terms("ERROR timeout").matches("ERROR: db down")).isFalse();
    assertThat(terms("?ERROR ?WARN").matches("WARN disk")).isTrue();
    assertThat(terms("?ERROR ?WARN").matches("INFO ok")).isFalse();
    assertThat(terms("sshd -Accepted").matches("sshd: Accepted key")).isFalse();
    assertThat(terms("sshd -Accepted").matches("sshd: Invalid user")).isTrue();
    assertThat(terms("{ $.level = \"error\" }").matches("anything")).isTrue();
    assertThat(terms(null).matches("anything")).isTrue();
  }

  @Test
  void aRegexFilterPatternIsLeftToCloudWatchNotReadAsALiteralTerm() {
    // read as a term, "%ERROR [0-9]+%" is text no event contains: every event CloudWatch matched would be dropped
    assertThat(terms("%ERROR [0-9]+%").matches("ERROR 503 upstream")).isTrue();
    assertThat(terms("%ERROR [0-9]+%")).isEqualTo(io.watchstream.schemas.FilterTerms.MATCH_ALL);
    assertThat(terms("100%").matches("disk 100% full")).isTrue();
    assertThat(terms("100%").matches("disk 99% full")).isFalse();
  }

  private static io.watchstream.schemas.FilterTerms terms(String pattern) {
    return new io.watchstream.ingest.config.LogSource("/g", null, pattern).clientSideTerms();
  }
}
