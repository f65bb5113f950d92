package io.watchstream.notifier.pipeline;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.notifier.delivery.DeadLetters;
import io.watchstream.notifier.delivery.OffsetTracker.Position;
import io.watchstream.notifier.engine.Alert;
import io.watchstream.notifier.engine.IncidentKey;
import io.watchstream.notifier.engine.Router;
import io.watchstream.notifier.ops.NotifierMetrics;
import io.watchstream.notifier.state.NotifierStateStore;
import io.watchstream.notifier.state.StateKeys;
import io.watchstream.schemas.DeadLetterHeaders.Kind;
import io.watchstream.schemas.TopicSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first stage for {@code alerts}: decodes a transition ({@link #decode}, bad records to the dead-letter topic),
 * remembers each incident's latest state, and routes it ({@link #route}): every channel it goes to that has not had
 * it yet (its {@code sent} key is not in the state topic), or a dead letter (stage {@code route}) when no route and
 * no default channel takes it.
 */
public final class AlertIntake {

  private static final Logger LOG = LoggerFactory.getLogger(AlertIntake.class);

  private final TopicSpec<AlertKey, AlertTransition> topic;
  private final RecordDecoder<AlertTransition> decoder;
  private final Router router;
  private final NotifierStateStore state;
  private final DeadLetters deadLetters;
  private final NotifierMetrics metrics;
  private final Map<IncidentKey, AlarmState> latestStates = new ConcurrentHashMap<>();

  public AlertIntake(TopicSpec<AlertKey, AlertTransition> alerts, Router router, NotifierStateStore state,
      DeadLetters deadLetters, NotifierMetrics metrics) {
    this.topic = alerts;
    this.decoder = new RecordDecoder<>(alerts, t -> t.getAlertId() != null && t.getRuleId() != null,
        "alert without alertId or ruleId", deadLetters);
    this.router = router;
    this.state = state;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
  }

  public TopicSpec<AlertKey, AlertTransition> topic() {
    return topic;
  }

  /** The decoded transition, or empty when the record went to the dead-letter topic. */
  public Optional<ConsumedAlert> decode(ConsumerRecord<byte[], byte[]> r, Position position) {
    metrics.alertConsumed();
    Optional<ConsumedAlert> decoded = decoder.decode(r).map(t -> new ConsumedAlert(r, position, t, Alert.from(t)));
    decoded.ifPresent(a -> latestStates.put(a.alert().incident(), a.alert().toState()));
    return decoded;
  }

  /** The channels that still need this alert, in routing order. */
  public List<ChannelOffer> route(ConsumedAlert consumed) {
    Alert alert = consumed.alert();
    Set<String> channels = router.channelsFor(alert);
    if (channels.isEmpty()) {
      deadLetters.record(consumed.record(), Kind.UNDELIVERABLE, "route", null,
          "no route and no default channel for rule " + alert.ruleId(), alert.ruleId());
      return List.of();
    }
    List<ChannelOffer> offers = new ArrayList<>();
    for (String channel : channels) {
      if (state.contains(StateKeys.sent(channel, alert.alertId()))) {
        LOG.debug("Skipping {} for {}: already delivered", alert.alertId(), channel);
      } else {
        offers.add(new ChannelOffer(channel, alert, consumed.position()));
      }
    }
    return offers;
  }

  /** Latest alarm state per incident seen by this instance (read by the scaling outcome checks). */
  public Map<IncidentKey, AlarmState> latestStates() {
    return latestStates;
  }
}
