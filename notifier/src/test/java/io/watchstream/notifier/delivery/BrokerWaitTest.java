package io.watchstream.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

class BrokerWaitTest {

  private final List<Duration> sleeps = new ArrayList<>();
  private final List<String> status = new ArrayList<>();
  private final BrokerWait wait = new BrokerWait(new DependencyStatus() {
    @Override
    public void waiting(String dependency, String reason) {
      status.add(dependency + ": " + reason);
    }

    @Override
    public void recovered(String dependency) {
      status.add(dependency + " recovered");
    }
  }, sleeps::add);

  @Test
  void aWriteTheBrokerDoesNotAcknowledgeIsTriedAgainUntilItIs() throws Exception {
    int[] attempts = {0};
    wait.untilAcknowledged("state write", () -> {
      if (++attempts[0] <= 7) {
        if (attempts[0] % 2 == 0) {
          throw new TimeoutException();
        }
        throw new ExecutionException(new NetworkException("broker down"));
      }
    });
    assertThat(attempts[0]).isEqualTo(8);
    assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4),
        Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30));
    assertThat(status.get(0)).isEqualTo("kafka: state write not acknowledged by the broker 1 time(s) in a row: NetworkException");
    assertThat(status).last().isEqualTo("kafka recovered");
  }

  @Test
  void aRefusalNoWaitCuresThrows() {
    assertThatThrownBy(() -> wait.untilAcknowledged("dead letter", () -> {
      throw new ExecutionException(new RecordTooLargeException("too large"));
    })).isInstanceOf(IllegalStateException.class).hasMessageContaining("RecordTooLargeException");
    assertThat(sleeps).isEmpty();
  }
}
