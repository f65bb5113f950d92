package io.watchstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.schemas.SeriesKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileInputsTest {

  @TempDir Path dir;

  Path write(String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, text);
  }

  @Test
  void csvBecomesOneSeriesNamedAfterTheFileWithThePeriodInferredFromTheData() throws IOException {
    Path f = write("ec2_cpu_a.csv", "timestamp,value\n2014-02-14 14:30:00,1.5\n2014-02-14 14:35:00,2.5\n2014-02-14 14:45:00,3\n");
    List<ReplayRecord> records = FileInputs.read(f, CsvSeriesMapping.defaults());
    assertThat(records).hasSize(3).allSatisfy(r -> assertThat(r).isInstanceOf(ReplayRecord.Metric.class));
    ReplayRecord.Metric m = (ReplayRecord.Metric) records.get(1);
    assertThat(SeriesKeys.canonical(m.key())).isEqualTo("Replay/value{Series=ec2_cpu_a}/Average/300");
    assertThat(m.value().getTimestamp()).isEqualTo(Instant.parse("2014-02-14T14:35:00Z"));
    assertThat(m.value().getValue()).isEqualTo(2.5);
    assertThat(m.value().getSource()).isEqualTo("replay");
  }

  @Test
  void seriesOptionRenamesASingleFilesSeries() throws IOException {
    Path f = write("x.csv", "timestamp,value\n2014-02-14 14:30:00,1\n");
    ReplayRecord.Metric m = (ReplayRecord.Metric) FileInputs.read(f, CsvSeriesMapping.defaults().withSeriesName("web-1")).get(0);
    assertThat(SeriesKeys.canonical(m.key())).isEqualTo("Replay/value{Series=web-1}/Average/60");
  }

  @Test
  void jsonLinesOfTheDatapointContractKeepTheirSeriesAndAcceptIsoOrEpochTimestamps() throws IOException {
    Path f = write("m.jsonl", """
        {"namespace":"AWS/EC2","metricName":"CPUUtilization","dimensions":[{"name":"InstanceId","value":"i-1"}],"timestamp":"2026-11-25T10:01:00Z","value":70.5,"statistic":"Average","periodSeconds":60}

        {"namespace":"AWS/EC2","metricName":"CPUUtilization","dimensions":[{"name":"InstanceId","value":"i-1"}],"timestamp":1795600800000,"value":12,"unit":"Percent","statistic":"Average","periodSeconds":60,"source":"cloudwatch"}
        """);
    List<ReplayRecord> records = FileInputs.read(f, CsvSeriesMapping.defaults());
    assertThat(records).extracting(ReplayRecord::timestamp)
        .containsExactly(1795600800000L, Instant.parse("2026-11-25T10:01:00Z").toEpochMilli());
    ReplayRecord.Metric m = (ReplayRecord.Metric) records.get(0);
    assertThat(SeriesKeys.canonical(m.key())).isEqualTo("AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60");
    assertThat(m.value().getUnit()).isEqualTo("Percent");
    assertThat(m.value().getSource()).isEqualTo("cloudwatch");
  }

  @Test
  void aDirectoryIsMergedIntoOneClockByTimestampWithFileOrderBreakingTies() throws IOException {
    write("b.csv", "timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 00:10:00,2\n");
    write("a.csv", "timestamp,value\n2014-01-01 00:05:00,10\n2014-01-01 00:10:00,20\n");
    write("combined_windows.json", "{}"); // label files in the same directory are not inputs
    List<ReplayRecord> records = FileInputs.read(dir, CsvSeriesMapping.defaults());
    assertThat(records).extracting(r -> ((ReplayRecord.Metric) r).value().getValue())
        .containsExactly(1.0, 10.0, 20.0, 2.0);
  }

  @Test
  void aMalformedCsvLineNamesFileAndLine() throws IOException {
    Path f = write("bad.csv", "timestamp,value\n2014-01-01 00:00:00,1\n2014-01-01 00:05:00,abc\n");
    assertThatThrownBy(() -> FileInputs.read(f, CsvSeriesMapping.defaults()))
        .isInstanceOf(ReplayInputException.class)
        .hasMessageContaining(f + ":3:")
        .hasMessageContaining("bad value 'abc'");
  }

  @Test
  void aMalformedJsonLineNamesFileLineAndField() throws IOException {
    Path f = write("bad.jsonl", """
        {"namespace":"AWS/EC2","metricName":"CPUUtilization","dimensions":[],"timestamp":1767225600000,"value":1,"statistic":"Average","periodSeconds":60}
        {"namespace":"AWS/EC2","metricName":"CPUUtilization","dimensions":[],"timestamp":1767225600000,"statistic":"Average","periodSeconds":60}
        """);
    assertThatThrownBy(() -> FileInputs.read(f, CsvSeriesMapping.defaults()))
        .isInstanceOf(ReplayInputException.class)
        .hasMessage(f + ":2: value: required finite number is missing");
    Path g = write("worse.jsonl", "{not json\n");
    assertThatThrownBy(() -> FileInputs.read(g, CsvSeriesMapping.defaults()))
        .hasMessageStartingWith(g + ":1:2: not valid JSON");
  }

  @Test
  void aMissingFileOrAnEmptyDirectoryIsAClearError() throws IOException {
    assertThatThrownBy(() -> FileInputs.read(dir.resolve("nope.csv"), CsvSeriesMapping.defaults()))
        .isInstanceOf(ReplayInputException.class).hasMessageEndingWith("nope.csv: no such file or directory");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> FileInputs.read(empty, CsvSeriesMapping.defaults()))
        .isInstanceOf(ReplayInputException.class).hasMessageContaining("no .csv or .jsonl files");
  }
  @Test
  void jsonLinesOfTheLogEventContractBecomeLogRecordsKeyedByGroupAndStream() throws IOException {
    Path f = write("secure.jsonl", """
        {"logGroup":"/var/log/secure","logStream":"i-1","eventId":"e-2","timestamp":"2026-11-25T10:00:20Z","ingestionTime":"2026-11-25T10:00:21Z","message":"sshd: Failed password for root"}
        {"logGroup":"/var/log/secure","logStream":"i-2","timestamp":1795600810000,"message":"sshd: Accepted publickey for deploy"}
        """);
    List<ReplayRecord> records = FileInputs.read(f, CsvSeriesMapping.defaults());
    assertThat(records).hasSize(2).allSatisfy(r -> assertThat(r).isInstanceOf(ReplayRecord.Log.class));
    ReplayRecord.Log first = (ReplayRecord.Log) records.get(0);
    // epoch 1795600810000 is 10:00:10, before the ISO line: records come back in event-time order
    assertThat(first.key().getLogGroup()).isEqualTo("/var/log/secure");
    assertThat(first.key().getLogStream()).isEqualTo("i-2");
    assertThat(first.value().getMessage()).isEqualTo("sshd: Accepted publickey for deploy");
    assertThat(first.value().getEventId()).isEqualTo("secure.jsonl:2");
    assertThat(first.value().getIngestionTime()).isEqualTo(Instant.ofEpochMilli(1795600810000L));
    ReplayRecord.Log second = (ReplayRecord.Log) records.get(1);
    assertThat(second.key().getLogStream()).isEqualTo("i-1");
    assertThat(second.value().getEventId()).isEqualTo("e-2");
    assertThat(second.value().getTimestamp()).isEqualTo(Instant.parse("2026-11-25T10:00:20Z"));
    assertThat(second.value().getIngestionTime()).isEqualTo(Instant.parse("2026-11-25T10:00:21Z"));
  }

  @Test
  void oneJsonLinesFileMayMixDatapointsAndLogEventsTellingThemApartLineByLine() throws IOException {
    Path f = write("dump.jsonl", """
        {"logGroup":"/app","logStream":"s","timestamp":"2026-11-25T10:00:30Z","message":"ERROR boom"}
        {"namespace":"AWS/EC2","metricName":"CPUUtilization","dimensions":[],"timestamp":"2026-11-25T10:00:00Z","value":1,"statistic":"Average","periodSeconds":60}
        """);
    assertThat(FileInputs.read(f, CsvSeriesMapping.defaults()))
        .extracting(r -> r.getClass().getSimpleName())
        .containsExactly("Metric", "Log");
  }

  @Test
  void logFilesAndMetricFilesOfADirectoryShareOneClock() throws IOException {
    write("logs/api.jsonl", """
        {"logGroup":"/app/api","logStream":"s","timestamp":"2026-11-25T10:00:30Z","message":"ERROR a"}
        {"logGroup":"/app/api","logStream":"s","timestamp":"2026-11-25T10:02:30Z","message":"ERROR b"}
        """);
    write("metrics/cpu.jsonl", """
        {"namespace":"AWS/EC2","metricName":"CPUUtilization","dimensions":[],"timestamp":"2026-11-25T10:00:00Z","value":1,"statistic":"Average","periodSeconds":60}
        {"namespace":"AWS/EC2","metricName":"CPUUtilization","dimensions":[],"timestamp":"2026-11-25T10:01:00Z","value":2,"statistic":"Average","periodSeconds":60}
        {"namespace":"AWS/EC2","metricName":"CPUUtilization","dimensions":[],"timestamp":"2026-11-25T10:03:00Z","value":3,"statistic":"Average","periodSeconds":60}
        """);
    assertThat(FileInputs.read(dir, CsvSeriesMapping.defaults()))
        .extracting(r -> r instanceof ReplayRecord.Log l ? l.value().getMessage() : "cpu " + ((ReplayRecord.Metric) r).value().getValue())
        .containsExactly("cpu 1.0", "ERROR a", "cpu 2.0", "ERROR b", "cpu 3.0");
  }

  @Test
  void aJsonLineThatIsNeitherOrBothKindsOrLacksALogFieldNamesFileLineAndField() throws IOException {
    Path neither = write("n.jsonl", "{\"timestamp\":1767225600000,\"value\":1}\n");
    assertThatThrownBy(() -> FileInputs.read(neither, CsvSeriesMapping.defaults()))
        .isInstanceOf(ReplayInputException.class)
        .hasMessage(neither + ":1: neither a metric datapoint (needs metricName) nor a log event (needs logGroup)");
    Path both = write("b.jsonl", "{\"metricName\":\"m\",\"logGroup\":\"g\"}\n");
    assertThatThrownBy(() -> FileInputs.read(both, CsvSeriesMapping.defaults()))
        .hasMessageStartingWith(both + ":1: has both metricName and logGroup");
    Path noStream = write("s.jsonl", """
        {"logGroup":"/app","logStream":"s","timestamp":1767225600000,"message":"ok"}
        {"logGroup":"/app","timestamp":1767225600000,"message":"no stream"}
        """);
    assertThatThrownBy(() -> FileInputs.read(noStream, CsvSeriesMapping.defaults()))
        .hasMessage(noStream + ":2: logStream: required string is missing or empty");
    Path noMessage = write("m.jsonl", "{\"logGroup\":\"/app\",\"logStream\":\"s\",\"timestamp\":1767225600000}\n");
    assertThatThrownBy(() -> FileInputs.read(noMessage, CsvSeriesMapping.defaults()))
        .hasMessage(noMessage + ":1: message: required string is missing");
    Path badTime = write("t.jsonl", "{\"logGroup\":\"/app\",\"logStream\":\"s\",\"timestamp\":\"yesterday\",\"message\":\"x\"}\n");
    assertThatThrownBy(() -> FileInputs.read(badTime, CsvSeriesMapping.defaults()))
        .hasMessage(badTime + ":1: timestamp: 'yesterday' is not an ISO-8601 instant; expected e.g. 2026-01-01T00:00:00Z"
            + " (UTC, or with an offset: +01:00) or epoch milliseconds");
  }

  @Test
  void aFileThatIsNotUtf8TextIsAClearErrorWithItsLine() throws IOException {
    Path f = dir.resolve("binary.jsonl");
    Files.write(f, new byte[] {'{', '}', '\n', (byte) 0xC3, (byte) 0x28, '\n'});
    assertThatThrownBy(() -> FileInputs.read(f, CsvSeriesMapping.defaults()))
        .isInstanceOf(ReplayInputException.class)
        .hasMessage(f + ":2:1: not UTF-8 text: byte 0xC3 cannot start or continue a character here (save the file as"
            + " UTF-8; or is it binary or compressed?)");
  }
}
