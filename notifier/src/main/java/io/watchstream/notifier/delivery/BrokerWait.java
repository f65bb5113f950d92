package io.watchstream.notifier.delivery;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.errors.RetriableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the notifier must not lose (state, dead letters) under the fault model: while the broker does not
 * acknowledge, the write is tried again with backoff (1 s doubling to 30 s) for as long as the outage lasts, and
 * {@link DependencyStatus} says so, instead of a failed write ending the delivery loop. A write tried again after
 * an unacknowledged attempt may land twice; both writers tolerate that (the state topic is compacted, and a dead
 * letter seen twice is better than one lost). A refusal no wait cures (not a {@link RetriableException}) throws.
 */
public final class BrokerWait {

  private static final Logger LOG = LoggerFactory.getLogger(BrokerWait.class);
  static final String DEPENDENCY = "kafka";

  /** One attempt: sends and waits for the acknowledgements. */
  @FunctionalInterface
  public interface Attempt {
    void run() throws ExecutionException, TimeoutException, InterruptedException;
  }

  private final DependencyStatus status;
  private final Sleeper sleeper;

  public BrokerWait(DependencyStatus status, Sleeper sleeper) {
    this.status = status;
    this.sleeper = sleeper;
  }

  public static BrokerWait real(DependencyStatus status) {
    return new BrokerWait(status, Sleeper.REAL);
  }

  /**
   * Producer settings for writes made under a BrokerWait: an attempt gives up after about 15 s (instead of the
   * client's 60 s metadata wait and 120 s delivery timeout), so the wait shows in /health soon and is retried here.
   * Settings already present (from the operator's client configuration) are kept.
   */
  public static void failFast(java.util.Properties producer) {
    producer.putIfAbsent(org.apache.kafka.clients.producer.ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    producer.putIfAbsent(org.apache.kafka.clients.producer.ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    producer.putIfAbsent(org.apache.kafka.clients.producer.ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
  }

  /** Runs {@code attempt} until it succeeds; throws only when interrupted (the service is stopping). */
  public void untilAcknowledged(String what, Attempt attempt) throws InterruptedException {
    int failures = 0;
    while (true) {
      try {
        attempt.run();
        if (failures > 0) {
          status.recovered(DEPENDENCY);
          LOG.info("{} acknowledged after {} failed attempt(s)", what, failures);
        }
        return;
      } catch (ExecutionException | TimeoutException e) {
        Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
        if (!(e instanceof TimeoutException) && !(cause instanceof RetriableException)) {
          // e.g. a record too large for the broker: no wait cures it
          throw new IllegalStateException(what + " refused by the broker: " + cause, cause);
        }
        failures++;
        Duration wait = Duration.ofMillis(Math.min(30_000L, 1000L << Math.min(5, failures - 1)));
        status.waiting(DEPENDENCY, what + " not acknowledged by the broker " + failures + " time(s) in a row: "
            + cause.getClass().getSimpleName());
        LOG.warn("{} not acknowledged ({}), attempt {}, retrying in {} ms", what, cause.toString(), failures, wait.toMillis());
        sleeper.sleep(wait);
      }
    }
  }
}
