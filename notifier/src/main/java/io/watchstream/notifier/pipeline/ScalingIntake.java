package io.watchstream.notifier.pipeline;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;
import io.watchstream.notifier.delivery.DeadLetters;
import io.watchstream.notifier.engine.IncidentKey;
import io.watchstream.notifier.ops.NotifierMetrics;
import io.watchstream.notifier.scaling.ScalingController;
import io.watchstream.schemas.TopicSpec;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stage for {@code scaling-commands}: decodes a command (bad records to the dead-letter topic) and hands it to the
 * {@link ScalingController}, which decides, acts, records and reports; without scaling configured a command is
 * counted as refused ({@code scaling_disabled}) and skipped.
 */
public final class ScalingIntake {

  private static final Logger LOG = LoggerFactory.getLogger(ScalingIntake.class);

  private final TopicSpec<ScalingCommandKey, ScalingCommand> topic;
  private final RecordDecoder<ScalingCommand> decoder;
  private final ScalingController scaling;
  private final NotifierMetrics metrics;

  /** {@code scaling} null: scaling is not configured. */
  public ScalingIntake(TopicSpec<ScalingCommandKey, ScalingCommand> commands, ScalingController scaling,
      DeadLetters deadLetters, NotifierMetrics metrics) {
    this.topic = commands;
    this.decoder = new RecordDecoder<>(commands, c -> true, "empty scaling command", deadLetters);
    this.scaling = scaling;
    this.metrics = metrics;
  }

  public TopicSpec<ScalingCommandKey, ScalingCommand> topic() {
    return topic;
  }

  /** Reloads the controller's cooldowns and in-flight changes (after the state store caught up). */
  public void restore() {
    if (scaling != null) {
      scaling.restore();
    }
  }

  public void accept(ConsumerRecord<byte[], byte[]> r, Instant now) throws InterruptedException {
    var decoded = decoder.decode(r);
    if (decoded.isEmpty()) {
      return;
    }
    ScalingCommand cmd = decoded.get();
    if (scaling == null) {
      metrics.scalingCommand("refused", "scaling_disabled");
      LOG.warn("Ignoring scaling command {} for {}: scaling is not configured", cmd.getIdempotencyKey(),
          cmd.getAutoScalingGroup());
      return;
    }
    scaling.handle(cmd, now);
  }

  /** Posts the outcomes of changes whose warm-up is over, judged by the latest alert states. */
  public void tick(Instant now, Map<IncidentKey, AlarmState> latestStates) throws InterruptedException {
    if (scaling != null) {
      scaling.tick(now, latestStates);
    }
  }
}
