package io.watchstream.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example shipped in ingest/ingest.example.yaml stays loadable and means what its comments say. */
class ExampleConfigTest {

  @Test
  void exampleConfigurationLoads() {
    IngestConfig c = IngestConfigLoader.load(Path.of("ingest.example.yaml"), Map.of());
    assertThat(c.metrics().selectors()).hasSize(4);
    assertThat(c.logs().sources()).hasSize(3);
    assertThat(c.metrics().selectors().get(2).dimensions()).containsOnlyKeys("InstanceId", "path", "device", "fstype");
    assertThat(c.http().port()).isEqualTo(9464);
  }
}
