package io.watchstream.sandbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MotoServerTest {

  @Test
  void missingMotoFailsWithTheInstallCommandInsteadOfSkipping(@TempDir Path emptyDir) {
    assertThatThrownBy(() -> MotoServer.start(0, emptyDir.toString()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("moto_server is not installed")
        .hasMessageContaining("pip install \"moto[server]\"");
  }
}
