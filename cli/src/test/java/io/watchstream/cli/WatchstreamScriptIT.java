package io.watchstream.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The top-level {@code ./watchstream} launcher runs the packaged jar (built by this very build). */
class WatchstreamScriptIT {

  @Test
  void launcherPrintsTheVersionFromTheJarManifest() throws Exception {
    Path root = Path.of(System.getProperty("watchstream.projectRoot", "..")).toAbsolutePath().normalize();
    Process p = new ProcessBuilder(root.resolve("watchstream").toString(), "--version")
        .directory(root.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("watchstream 0.1.0-SNAPSHOT");
  }
}
