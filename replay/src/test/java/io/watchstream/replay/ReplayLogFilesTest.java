package io.watchstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log rules replayed from a JSON-lines file of the {@code LogEvent} contract, end to end through the
 * replay use case: the transitions file says what the log-frequency and log-flatline rules would have done.
 */
class ReplayLogFilesTest {

  @TempDir Path dir;

  static final String RULES = """
      rules:
        - { id: ssh-brute-force, kind: log-frequency, logs: { group: /var/log/secure, per: stream }, pattern: '"Failed password"',
            window: 5m, grace: 0s, threshold: 3, actions: { notify: [security] } }
        - { id: heartbeat, kind: log-flatline, logs: { group: /app/heartbeat, per: stream }, pattern: HEARTBEAT, window: 2m, grace: 0s }
      """;

  /** One line of the LogEvent contract at 2026-01-01T{@code time}Z; eventId and ingestionTime are left to their defaults. */
  static String line(String group, String stream, String time, String message) {
    return "{\"logGroup\":\"" + group + "\",\"logStream\":\"" + stream + "\",\"timestamp\":\"2026-01-01T" + time
        + "Z\",\"message\":\"" + message + "\"}\n";
  }

  @Test
  void logRulesFromAJsonLinesLogFileProduceTheExpectedTransitions() throws Exception {
    StringBuilder logs = new StringBuilder()
        .append(line("/var/log/secure", "i-1", "00:00:10", "sshd[1]: Failed password for root from 6.6.6.6"))
        .append(line("/var/log/secure", "i-1", "00:00:20", "sshd[1]: Accepted publickey for deploy from 10.0.0.1"))
        .append(line("/var/log/secure", "i-1", "00:00:30", "sshd[1]: Failed password for admin from 6.6.6.6"))
        .append(line("/var/log/secure", "i-1", "00:01:00", "sshd[1]: Failed password for pi from 6.6.6.6"));
    // worker-1's heartbeat stops after 00:01 and comes back at 00:07:30; worker-2 beats every minute
    for (String t : List.of("00:00:00", "00:01:00")) {
      logs.append(line("/app/heartbeat", "worker-1", t, "HEARTBEAT ok"));
    }
    for (int minute = 0; minute <= 8; minute++) {
      logs.append(line("/app/heartbeat", "worker-2", "00:0" + minute + ":00", "HEARTBEAT ok"));
    }
    logs.append(line("/app/heartbeat", "worker-1", "00:07:30", "HEARTBEAT back"));
    logs.append(line("/app/heartbeat", "worker-1", "00:09:00", "HEARTBEAT ok"));
    logs.append(line("/app/heartbeat", "worker-1", "00:11:00", "HEARTBEAT ok"));
    logs.append(line("/app/heartbeat", "worker-2", "00:11:00", "HEARTBEAT ok"));
    Path input = Files.writeString(dir.resolve("logs.jsonl"), logs);
    Path rules = Files.writeString(dir.resolve("rules.yaml"), RULES);
    Path transitions = dir.resolve("out/transitions.jsonl");

    Replay.Outcome o = new Replay().run(new ReplayRequest(
        new ReplayRequest.Files(input, CsvSeriesMapping.defaults()), rules, null, null, null, null, transitions, "replay."));

    assertThat(o.summary().input().logEvents()).isEqualTo(4 + 2 + 9 + 4);
    assertThat(o.summary().input().datapoints()).isZero();
    List<JsonNode> lines = new ArrayList<>();
    ObjectMapper json = new ObjectMapper();
    for (String l : Files.readAllLines(transitions, StandardCharsets.UTF_8)) {
      lines.add(json.readTree(l));
    }
    assertThat(lines).extracting(n -> n.get("rule").asText(), n -> n.get("series").asText(), n -> n.get("time").asText(),
            n -> n.get("from").asText(), n -> n.get("to").asText())
        .containsExactly(
            tuple("heartbeat", "/app/heartbeat/worker-1", "2026-01-01T00:00:00Z", "INSUFFICIENT_DATA", "OK"),
            tuple("heartbeat", "/app/heartbeat/worker-2", "2026-01-01T00:00:00Z", "INSUFFICIENT_DATA", "OK"),
            // the third "Failed password" line within the 5-minute window decides at once
            tuple("ssh-brute-force", "/var/log/secure/i-1", "2026-01-01T00:01:00Z", "INSUFFICIENT_DATA", "ALARM"),
            // the 2-minute window [00:02, 00:04) closes with no heartbeat from worker-1, on worker-2's clock
            tuple("heartbeat", "/app/heartbeat/worker-1", "2026-01-01T00:04:00Z", "OK", "ALARM"),
            tuple("heartbeat", "/app/heartbeat/worker-1", "2026-01-01T00:07:30Z", "ALARM", "OK"),
            // /var/log/secure has no line after 00:01: its quiet window [00:05, 00:10) closes on the heartbeat group's clock
            tuple("ssh-brute-force", "/var/log/secure/i-1", "2026-01-01T00:10:00Z", "ALARM", "OK"));
    assertThat(lines.get(2).get("reason").asText()).isEqualTo("3 matching lines in 5m (ALARM at 3 or more).");
    assertThat(o.summary().ruleSets().get(0).totals().slackMessages()).isEqualTo(2);
  }
}
