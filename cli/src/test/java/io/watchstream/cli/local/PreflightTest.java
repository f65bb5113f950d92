package io.watchstream.cli.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PreflightTest {

  @Test
  void aTakenPortIsNamedWithTheOptionThatMovesIt() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      Map<String, Integer> ports = new LinkedHashMap<>();
      ports.put("--kafka-port", taken.getLocalPort());
      ports.put("--registry-port", 0);
      List<String> problems = Preflight.problems(17, ports);
      assertThat(problems).containsExactly("Port " + taken.getLocalPort() + " is already in use (--kafka-port). "
          + "Stop whatever listens there, or start with --kafka-port <another port>.");
    }
  }

  @Test
  void portZeroMeansAnyFreePortAndIsNeverAProblem() {
    assertThat(Preflight.problems(21, Map.of("--moto-port", 0))).isEmpty();
  }

  @Test
  void javaOlderThan17IsRefusedWithWhatToDo() {
    assertThat(Preflight.problems(11, Map.of())).singleElement().asString()
        .contains("Java 11 is too old").contains("Java 17 or newer").contains("JAVA_HOME");
  }
}
