package io.watchstream.sandbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebianPackagesTest {

  @Test
  void aMissingProgramWithoutAptGetFailsWithTheInstallCommandInsteadOfSkipping(@TempDir Path emptyDir) {
    assertThatThrownBy(() -> DebianPackages.ensureInstalledOn(emptyDir.toString(), "prometheus", "prometheus", "promtool"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("prometheus, promtool not found on the PATH")
        .hasMessageContaining("sudo apt-get install -y prometheus");
  }

  @Test
  void programsAlreadyOnThePathNeedNoInstall() {
    // sh is on every Debian PATH; nothing is run.
    DebianPackages.ensureInstalledOn("/bin:/usr/bin", "dash", "sh");
  }
}
