package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.harness.Notifiers;
import io.watchstream.bench.workload.BenchRules;
import io.watchstream.bench.workload.SyntheticSeries;
import io.watchstream.pipeline.Pipeline;
import io.watchstream.pipeline.PipelinePlan;
import io.watchstream.schemas.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Processor and notifier, both at their defaults, on the {@code peer.} topics with the peer-equivalent rule, posting
 * to the stand-in's {@code /webhook/watchstream}. Started in the peer phase's prepare step with one calm datapoint,
 * so the series is known and OK before the spike, as it is for Prometheus.
 */
public final class LivePipeline implements WatchstreamPipeline {

  private Topics topics;
  private Pipeline pipeline;
  private KafkaProducer<byte[], byte[]> producer;

  @Override
  public void start(BenchContext context) throws Exception {
    topics = context.topics("peer.");
    pipeline = Pipeline.start(PipelinePlan.topicsOnly(context.bootstrap(), topics, 1)
        .withProcessor(LiveProcessor.config(context, "bench-peer", context.dir("state-peer")), BenchRules.load(BenchRules.PEER))
        .withNotifier(Notifiers.defaults(context, topics, "bench-peer-notifier", "watchstream"),
            Notifiers.env(context.slack().webhookUrl("watchstream"))));
    AlertLatencyPhase.awaitRunning(pipeline.processor().orElseThrow().streams());
    producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrap(),
        ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0),
        new ByteArraySerializer(), new ByteArraySerializer());
    send(PeerLatencyPhase.INSTANCE, Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(1, ChronoUnit.MINUTES), 20.0);
  }

  @Override
  public void injectSpike(BenchContext context, String instanceId, double value) {
    send(instanceId, Instant.now().truncatedTo(ChronoUnit.MINUTES), value);
  }

  private void send(String instanceId, Instant period, double value) {
    var metrics = topics.metrics();
    producer.send(new ProducerRecord<>(metrics.name(), null, period.toEpochMilli(),
        metrics.keySerde().serializer().serialize(metrics.name(), SyntheticSeries.key(instanceId)),
        metrics.valueSerde().serializer().serialize(metrics.name(),
            SyntheticSeries.datapoint(instanceId, period.toEpochMilli(), value))));
    producer.flush();
  }

  @Override
  public void close() {
    if (producer != null) {
      producer.close();
    }
    if (pipeline != null) {
      pipeline.close();
    }
  }
}
