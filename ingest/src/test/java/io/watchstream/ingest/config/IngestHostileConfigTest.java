package io.watchstream.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.runtime.config.ConfigException;
import io.watchstream.testkit.HostileFiles;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The corpus under {@code hostile/ingest}: each hostile file gets exactly the message beside it, as {@code watchstream} prints
 * it (the file named as given, here its name only). A file that loads says {@code loaded}.
 */
class IngestHostileConfigTest {

  static Stream<HostileFiles.Case> files() {
    return HostileFiles.in("hostile/ingest");
  }

  @ParameterizedTest
  @MethodSource("files")
  void eachHostileFileGetsTheExactMessageBesideIt(HostileFiles.Case c) {
    assertThat(message(c)).isEqualTo(c.expected());
  }

  private static String message(HostileFiles.Case c) {
    try {
      IngestConfigLoader.load(c.input(), Map.of());
      return "loaded";
    } catch (ConfigException e) {
      return e.getMessage().replace(c.input().toString(), c.input().getFileName().toString());
    }
  }
}
