package io.watchstream.notifier.pipeline;

import io.watchstream.notifier.delivery.DeadLetters;
import io.watchstream.notifier.ops.NotifierMetrics;
import io.watchstream.notifier.sns.ReliableSns;
import io.watchstream.notifier.state.NotifierStateStore;
import io.watchstream.notifier.state.StateKeys;
import io.watchstream.schemas.DeadLetterHeaders.Kind;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes every decoded transition to SNS once: its {@code done|sns|<alertId>} key is written to the state topic
 * after the publish (or after the dead letter, stage {@code sns}, of a message SNS rejected), and a redelivered record
 * that finds the key is not published again. Routing does not matter here: SNS subscribers get every transition.
 */
public final class SnsDelivery {

  private static final Logger LOG = LoggerFactory.getLogger(SnsDelivery.class);

  private final ReliableSns sns;
  private final NotifierStateStore state;
  private final DeadLetters deadLetters;
  private final NotifierMetrics metrics;
  private final Clock clock;

  /** {@code sns} null: no SNS topic is configured and this stage passes everything on. */
  public SnsDelivery(ReliableSns sns, NotifierStateStore state, DeadLetters deadLetters, NotifierMetrics metrics,
      Clock clock) {
    this.sns = sns;
    this.state = state;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.clock = clock;
  }

  public void publish(ConsumedAlert consumed) throws InterruptedException {
    if (sns == null) {
      return;
    }
    var t = consumed.transition();
    String key = StateKeys.done("sns|" + t.getAlertId());
    if (state.contains(key)) {
      return;
    }
    try {
      String messageId = sns.publish(t);
      metrics.snsPublished(true);
      LOG.debug("Published {} to SNS as {}", t.getAlertId(), messageId);
    } catch (ReliableSns.Rejected e) {
      metrics.snsPublished(false);
      deadLetters.record(consumed.record(), Kind.UNDELIVERABLE, "sns", e, null, t.getRuleId().toString());
    }
    state.write(Map.of(key, Long.toString(clock.millis())));
  }
}
