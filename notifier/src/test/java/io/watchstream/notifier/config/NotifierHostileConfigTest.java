package io.watchstream.notifier.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.testkit.HostileFiles;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The corpus under {@code hostile/notifier}: each hostile file gets exactly the message beside it ({@link HostileFiles}). */
class NotifierHostileConfigTest {

  static Stream<HostileFiles.Case> files() {
    return HostileFiles.in("hostile/notifier");
  }

  @ParameterizedTest
  @MethodSource("files")
  void eachHostileFileGetsTheExactMessageBesideIt(HostileFiles.Case c) {
    assertThat(HostileFiles.outcome(c, file -> NotifierConfigLoader.load(file, Map.of("SLACK_BOT_TOKEN", "xoxb-test-token")))).isEqualTo(c.expected());
  }
}
