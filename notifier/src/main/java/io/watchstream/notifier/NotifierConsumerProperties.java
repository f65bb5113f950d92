package io.watchstream.notifier;

import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;

/** The settings of {@link NotifierService}'s consumer on top of the configured ones, and why each is set. */
final class NotifierConsumerProperties {

  /**
   * Delivery is synchronous and may wait out Slack's Retry-After and backoff (minutes in the worst case): a long
   * poll interval keeps a slow Slack from getting this instance kicked out of the group. /health uses the same limit.
   */
  static final Duration MAX_POLL_INTERVAL = Duration.ofMinutes(15);

  private NotifierConsumerProperties() {}

  static Properties of(Properties configured) {
    Properties props = new Properties();
    props.putAll(configured);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // commit after delivery, never before
    props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"); // the processor writes with EOS
    // Delivery is synchronous and may wait out Slack's Retry-After and backoff (minutes in the worst case):
    // small batches and a long poll interval keep a slow Slack from getting this instance kicked out of the group.
    props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
    props.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, (int) MAX_POLL_INTERVAL.toMillis());
    return props;
  }
}
