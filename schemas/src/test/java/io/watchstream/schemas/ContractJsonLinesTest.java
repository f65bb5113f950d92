package io.watchstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.avro.Dimension;
import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractJsonLinesTest {

  final ContractJsonLines codec = new ContractJsonLines("test");

  @TempDir Path dir;

  @Test
  void encodedRecordsDecodeToTheSameRecords() throws Exception {
    MetricDatapoint d = MetricDatapoint.newBuilder().setNamespace("AWS/EC2").setMetricName("CPUUtilization")
        .setDimensions(List.of(new Dimension("InstanceId", "i-1"), new Dimension("device", "xvda")))
        .setTimestamp(Instant.parse("2026-01-01T00:01:00Z")).setValue(42.5).setUnit("Percent").setStatistic("Average")
        .setPeriodSeconds(60).setSource("sample").build();
    LogEvent e = LogEvent.newBuilder().setLogGroup("/var/log/secure").setLogStream("i-1").setEventId("7")
        .setTimestamp(Instant.parse("2026-01-01T00:01:02Z")).setIngestionTime(Instant.parse("2026-01-01T00:01:03Z"))
        .setMessage("sshd[1]: Accepted publickey").build();
    Path file = Files.write(dir.resolve("both.jsonl"), List.of(ContractJsonLines.encode(d), "", ContractJsonLines.encode(e)));
    assertThat(codec.read(file)).containsExactly(new ContractJsonLines.DatapointLine(d), new ContractJsonLines.LogLine(e));
  }

  @Test
  void optionalFieldsTakeTheirDefaultsAndDimensionsComeOutSorted() {
    var d = (ContractJsonLines.DatapointLine) codec.decode(dir.resolve("m.jsonl"), 3, """
        {"namespace":"N","metricName":"m","dimensions":[{"name":"b","value":"2"},{"name":"a","value":"1"}],
         "timestamp":"2026-01-01T00:00:00Z","value":1,"statistic":"Sum","periodSeconds":60}""".replace("\n", ""));
    assertThat(d.datapoint().getSource()).isEqualTo("test");
    assertThat(d.datapoint().getDimensions()).extracting(Dimension::getName).containsExactly("a", "b");
    var l = (ContractJsonLines.LogLine) codec.decode(dir.resolve("l.jsonl"), 4,
        "{\"logGroup\":\"g\",\"logStream\":\"s\",\"timestamp\":1767225600005,\"message\":\"\"}");
    assertThat(l.event().getEventId()).isEqualTo("l.jsonl:4");
    assertThat(l.event().getIngestionTime()).isEqualTo(Instant.ofEpochMilli(1767225600005L));
  }

  @Test
  void problemsNameFileLineAndField() {
    Path f = dir.resolve("bad.jsonl");
    assertThatThrownBy(() -> codec.decode(f, 7, "{\"metricName\":\"m\",\"namespace\":\"N\",\"timestamp\":1767225600000,\"value\":1,\"statistic\":\"Sum\"}"))
        .isInstanceOf(ContractLineException.class).hasMessage(f + ":7: periodSeconds: required positive integer (seconds, at most 2147483647)");
    assertThatThrownBy(() -> codec.decode(f, 2, "{nope")).hasMessageStartingWith(f + ":2:2: not valid JSON: ");
    assertThatThrownBy(() -> codec.read(dir.resolve("missing.jsonl"))).isInstanceOf(ContractLineException.class)
        .hasMessageStartingWith(dir.resolve("missing.jsonl") + ": cannot read: ");
  }

  @Test
  void epochMillisecondsAreReadFrom1973ToTheEndOf9999AndRefusedOutsideNeverTruncated() {
    Path f = dir.resolve("t.jsonl");
    java.util.function.LongFunction<String> line = t -> "{\"logGroup\":\"g\",\"logStream\":\"s\",\"message\":\"\",\"timestamp\":" + t + "}";
    assertThat(((ContractJsonLines.LogLine) codec.decode(f, 1, line.apply(100_000_000_000L))).event().getTimestamp())
        .isEqualTo(Instant.parse("1973-03-03T09:46:40Z"));
    assertThat(((ContractJsonLines.LogLine) codec.decode(f, 1, line.apply(253_402_300_799_999L))).event().getTimestamp())
        .isEqualTo(Instant.parse("9999-12-31T23:59:59.999Z"));
    assertThatThrownBy(() -> codec.decode(f, 2, line.apply(99_999_999_999L)))
        .hasMessageStartingWith(f + ":2: timestamp: 99999999999 looks like epoch seconds");
    assertThatThrownBy(() -> codec.decode(f, 3, line.apply(253_402_300_800_000L)))
        .hasMessageStartingWith(f + ":3: timestamp: 253402300800000 as epoch milliseconds is after 9999-12-31T23:59:59.999Z");
    assertThatThrownBy(() -> codec.decode(f, 4, line.apply(-1)))
        .hasMessageStartingWith(f + ":4: timestamp: -1 as epoch milliseconds is before 1970-01-01T00:00:00Z");
    assertThatThrownBy(() -> codec.decode(f, 5, line.apply(0).replace(":0}", ":-99999999999999999999}")))
        .hasMessageStartingWith(f + ":5: timestamp: -99999999999999999999 as epoch milliseconds is before 1970-01-01T00:00:00Z");
  }
}
