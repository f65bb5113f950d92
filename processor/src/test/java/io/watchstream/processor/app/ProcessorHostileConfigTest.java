package io.watchstream.processor.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.testkit.HostileFiles;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The corpus under {@code hostile/processor-config}: each hostile file gets exactly the message beside it ({@link HostileFiles}). */
class ProcessorHostileConfigTest {

  static Stream<HostileFiles.Case> files() {
    return HostileFiles.in("hostile/processor-config");
  }

  @ParameterizedTest
  @MethodSource("files")
  void eachHostileFileGetsTheExactMessageBesideIt(HostileFiles.Case c) {
    assertThat(HostileFiles.outcome(c, file -> ProcessorConfigLoader.load(file, Map.of()))).isEqualTo(c.expected());
  }
}
