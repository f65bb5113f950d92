package io.watchstream.notifier.sns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.notifier.delivery.DependencyStatus;
import io.watchstream.notifier.delivery.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sns.model.SnsException;

class ReliableSnsTest {

  private final List<Duration> sleeps = new ArrayList<>();
  private final List<String> status = new ArrayList<>();
  private final DependencyStatus recorder = new DependencyStatus() {
    @Override
    public void waiting(String dependency, String reason) {
      status.add("waiting " + dependency + ": " + reason);
    }

    @Override
    public void recovered(String dependency) {
      status.add("recovered " + dependency);
    }
  };
  private final RetryPolicy policy = new RetryPolicy(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(10));

  private static SnsException error(int status, String code) {
    return (SnsException) SnsException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build()).build();
  }

  @Test
  void snsUnreachableOrFailingIsWaitedOutNeverRejected() throws Exception {
    List<RuntimeException> failures = new ArrayList<>(List.of(
        SdkClientException.create("Unable to execute HTTP request: Connection refused"),
        error(500, "InternalError"), error(503, "ServiceUnavailable"), error(400, "Throttling"),
        error(403, "AuthorizationError"), error(404, "NotFound")));
    ReliableSns sns = new ReliableSns(t -> {
      if (!failures.isEmpty()) {
        throw failures.remove(0);
      }
      return "id-1";
    }, policy, sleeps::add, recorder);
    assertThat(sns.publish(null)).isEqualTo("id-1");
    assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400),
        Duration.ofMillis(800), Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(status.get(0)).startsWith("waiting sns: SNS unreachable: SdkClientException");
    assertThat(status).last().isEqualTo("recovered sns");
  }

  @Test
  void aMessageSnsCallsInvalidIsRejectedForTheDeadLetterTopic() {
    ReliableSns sns = new ReliableSns(t -> {
      throw error(400, "InvalidParameter");
    }, policy, sleeps::add, recorder);
    assertThatThrownBy(() -> sns.publish(null)).isInstanceOf(ReliableSns.Rejected.class).hasMessageContaining("InvalidParameter");
    assertThat(sleeps).isEmpty();
  }
}
