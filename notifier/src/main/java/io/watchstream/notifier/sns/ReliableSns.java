package io.watchstream.notifier.sns;

import io.watchstream.avro.AlertTransition;
import io.watchstream.notifier.delivery.DependencyStatus;
import io.watchstream.notifier.delivery.RetryPolicy;
import io.watchstream.notifier.delivery.Sleeper;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * SNS publishes under the fault model: while SNS is unavailable (connection refused, 5xx, throttling, an answer
 * that cannot be read, credentials or a topic it refuses — a configuration problem no message can fix) the
 * publish waits with capped exponential backoff for as long as it takes, and {@link DependencyStatus} says so.
 * Only SNS rejecting this one message as invalid throws {@link Rejected}, for the caller to dead-letter.
 */
public final class ReliableSns {

  private static final Logger LOG = LoggerFactory.getLogger(ReliableSns.class);
  static final String DEPENDENCY = "sns";

  /** SNS error codes that are about the message itself (its size, its attributes), not about SNS or our setup. */
  private static final Set<String> MESSAGE_ERRORS = Set.of("InvalidParameter", "InvalidParameterValue", "ValidationError");

  private final Function<AlertTransition, String> publisher;
  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final DependencyStatus status;

  /** {@code publisher} is one SNS publish returning the message id, e.g. {@link SnsTransitionPublisher#publish}. */
  public ReliableSns(Function<AlertTransition, String> publisher, RetryPolicy policy, Sleeper sleeper, DependencyStatus status) {
    this.publisher = publisher;
    this.policy = policy;
    this.sleeper = sleeper;
    this.status = status;
  }

  /** SNS refused this message for good. */
  public static final class Rejected extends Exception {
    public Rejected(AwsServiceException cause) {
      super("SNS rejected the message: " + cause.awsErrorDetails().errorCode() + " " + cause.awsErrorDetails().errorMessage(), cause);
    }
  }

  /** Publishes {@code t} and returns SNS's message id, waiting out any outage. */
  public String publish(AlertTransition t) throws Rejected, InterruptedException {
    int failures = 0;
    while (true) {
      try {
        String id = publisher.apply(t);
        status.recovered(DEPENDENCY);
        return id;
      } catch (AwsServiceException e) {
        if (isAboutTheMessage(e)) {
          status.recovered(DEPENDENCY);
          throw new Rejected(e);
        }
        failures++;
        waitFor(failures, "SNS answered " + e.statusCode() + " " + code(e));
      } catch (SdkException e) {
        failures++;
        waitFor(failures, "SNS unreachable: " + e.getClass().getSimpleName());
      }
    }
  }

  private void waitFor(int failures, String reason) throws InterruptedException {
    java.time.Duration wait = policy.backoff(failures);
    status.waiting(DEPENDENCY, reason + " (" + failures + " time(s) in a row)");
    LOG.warn("{}; publish attempt {} failed, retrying in {} ms", reason, failures, wait.toMillis());
    sleeper.sleep(wait);
  }

  static boolean isAboutTheMessage(AwsServiceException e) {
    return e.statusCode() == 400 && !e.isThrottlingException() && MESSAGE_ERRORS.contains(code(e));
  }

  private static String code(AwsServiceException e) {
    return e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
  }
}
