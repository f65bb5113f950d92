package io.watchstream.notifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.runtime.config.ConfigException;
import io.watchstream.notifier.config.NotifierConfigLoader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Start-up wiring that needs no broker: the clients are created but never connect. */
class NotifierFactoryTest {

  private static final Map<String, String> ENV = Map.of("SLACK_BOT_TOKEN", "xoxb-not-a-secret");

  @Test
  void aHealthPortThatIsTakenFailsStartUpWithAMessageSayingWhichSetting() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      String yaml = "kafka: {bootstrapServers: '127.0.0.1:9'}\nrouting: {defaultChannel: '#a'}\n"
          + "ops: {httpHost: 127.0.0.1, httpPort: " + taken.getLocalPort() + "}\n";
      assertThatThrownBy(() -> NotifierFactory.create(NotifierConfigLoader.parse(yaml, ENV), ENV, Clock.systemUTC(),
          NotifierHooks.NONE))
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("cannot open the health/metrics port 127.0.0.1:" + taken.getLocalPort())
          .hasMessageContaining("WATCHSTREAM_NOTIFIER_HTTP_PORT");
    }
  }

  @Test
  void aNegativePortTurnsTheEndpointOff() {
    String yaml = "kafka: {bootstrapServers: '127.0.0.1:9'}\nrouting: {defaultChannel: '#a'}\nops: {httpPort: -1}\n";
    NotifierService service = NotifierFactory.create(NotifierConfigLoader.parse(yaml, ENV), ENV, Clock.systemUTC(),
        NotifierHooks.NONE);
    assertThat(service.httpPort()).isEqualTo(-1);
    service.close();
  }

  @Test
  void aServiceClosedBeforeItRanReleasesItsHealthPortAtOnce() throws Exception {
    String yaml = "kafka: {bootstrapServers: '127.0.0.1:9'}\nrouting: {defaultChannel: '#a'}\n"
        + "ops: {httpHost: 127.0.0.1, httpPort: 0}\n";
    NotifierService service = NotifierFactory.create(NotifierConfigLoader.parse(yaml, ENV), ENV, Clock.systemUTC(),
        NotifierHooks.NONE);
    int port = service.httpPort();
    assertThat(port).isPositive();
    long start = System.nanoTime();
    service.close();
    assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(5));
    try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    service.run(); // returns at once: closed services do not start
  }
}
