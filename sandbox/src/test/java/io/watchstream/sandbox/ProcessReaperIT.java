package io.watchstream.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessReaperIT {

  @Test
  void childOfAJvmThatDiedWithoutShutdownHooksIsKilledByTheNextJvm() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process jvm = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), OrphanMaker.class.getName())
        .redirectErrorStream(true).start();
    int port = -1;
    Path motoLog = null;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(jvm.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith("MOTO_PORT=")) {
          port = Integer.parseInt(line.substring("MOTO_PORT=".length()));
        }
        if (line.startsWith("MOTO_LOG=")) {
          motoLog = Path.of(line.substring("MOTO_LOG=".length()));
        }
      }
    }
    assertThat(jvm.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(port).as("the helper JVM started moto").isPositive();
    assertThat(FreePorts.isFree(port)).as("moto outlived its halted JVM").isFalse();

    ProcessReaper.killOrphansOfDeadJvms();

    int orphanPort = port;
    await().atMost(Duration.ofSeconds(10)).until(() -> FreePorts.isFree(orphanPort));
    assertThat(motoLog).isNotNull();
    assertThat(motoLog.getParent()).as("the dead JVM's moto work dir is deleted too").doesNotExist();
  }
}
