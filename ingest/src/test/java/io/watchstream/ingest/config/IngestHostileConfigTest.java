package io.watchstream.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.testkit.HostileFiles;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The corpus under {@code hostile/ingest}: each hostile file gets exactly the message beside it ({@link HostileFiles}). */
class IngestHostileConfigTest {

  static Stream<HostileFiles.Case> files() {
    return HostileFiles.in("hostile/ingest");
  }

  @ParameterizedTest
  @MethodSource("files")
  void eachHostileFileGetsTheExactMessageBesideIt(HostileFiles.Case c) {
    assertThat(HostileFiles.outcome(c, file -> IngestConfigLoader.load(file, Map.of()))).isEqualTo(c.expected());
  }
}
