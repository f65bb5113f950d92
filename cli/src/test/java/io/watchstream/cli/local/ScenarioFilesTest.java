package io.watchstream.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.MetricSelector;
import io.watchstream.ingest.config.LogSource;
import io.watchstream.ingest.config.IngestConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled data files are a golden copy of the scenario (regenerate with
 * {@code -Dwatchstream.regenerateScenario=true}), they round-trip, and they are shifted to the start time.
 */
class ScenarioFilesTest {

  private static final Path BUNDLED = ScenarioTest.examples().resolve("scenario");

  @Test
  void bundledFilesAreExactlyTheScenario() throws Exception {
    if (Boolean.getBoolean("watchstream.regenerateScenario")) {
      ScenarioFiles.write(BUNDLED, ScenarioFiles.recorded());
    }
    ScenarioFiles.Data bundled = ScenarioFiles.load(BUNDLED, ScenarioFiles.RECORDED_MINUTE_ZERO);
    ScenarioFiles.Data expected = ScenarioFiles.recorded();
    assertThat(bundled.datapoints()).isEqualTo(expected.datapoints());
    assertThat(bundled.logEvents()).isEqualTo(expected.logEvents());
    // 61 minutes x (3 CPU + 3 memory + 3 disk + 1 unhealthy-host).
    assertThat(bundled.datapoints()).hasSize(61 * 10);
    assertThat(bundled.logEvents()).extracting(LogEvent::getEventId).doesNotHaveDuplicates();
  }

  @Test
  void loadShiftsEveryTimestampToTheStartMinute(@TempDir Path dir) throws Exception {
    ScenarioFiles.write(dir, ScenarioFiles.recorded());
    Instant start = Instant.parse("2026-11-25T14:03:41Z");
    ScenarioFiles.Data shifted = ScenarioFiles.load(dir, start);
    MetricDatapoint first = shifted.datapoints().get(0);
    assertThat(first.getTimestamp()).isEqualTo(Instant.parse("2026-11-25T13:33:00Z"));
    LogEvent firstLine = shifted.logEvents().get(0);
    assertThat(Duration.between(firstLine.getTimestamp(), firstLine.getIngestionTime())).isEqualTo(Duration.ofMillis(200));
    assertThat(Files.readAllLines(dir.resolve(ScenarioFiles.METRICS_FILE)).get(0))
        .startsWith("{\"namespace\":").contains("\"statistic\":").contains("\"source\":\"sample\"");
  }

  @Test
  void statisticsAgreeWithTheExampleIngestConfiguration() {
    IngestConfig config = IngestConfigLoader.load(ScenarioTest.examples().resolve("ingest.yaml"), Map.of());
    Map<String, String> requested = config.metrics().selectors().stream().collect(Collectors.toMap(
        MetricSelector::metricName, s -> String.join(",", s.statistics())));
    assertThat(requested).isEqualTo(ScenarioRecords.STATISTICS);
    assertThat(config.logs().sources()).extracting(LogSource::logGroup).containsExactly(Scenario.SECURE_LOG_GROUP);
  }
}
