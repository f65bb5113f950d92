package io.watchstream.bench.phases;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.harness.HeapSampler;
import io.watchstream.bench.harness.Notifiers;
import io.watchstream.bench.workload.Alerts;
import io.watchstream.pipeline.Pipeline;
import io.watchstream.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Notifier delivery rate into the Slack stand-in: {@code n} OK → ALARM transitions of {@code n} different rules
 * (so none are grouped into one message) are written to {@code alerts} first; then the notifier starts and the
 * clock runs until the stand-in has received {@code n} webhook posts. Group wait and Slack's 1 message/s/channel
 * pacing are set to 0 here — at the defaults the notifier is deliberately limited to 1 message per second per
 * channel — so the figure is the service's own capacity: decode, route, render Block Kit, post, write the
 * idempotency keys, commit.
 */
public final class NotifierThroughputPhase implements Phase {

  @Override
  public String name() {
    return "notifier";
  }

  @Override
  public void run(BenchContext context) throws Exception {
    int n = context.settings().notifierAlerts();
    Topics topics = context.topics("nt.");
    Pipeline.ensureTopics(context.bootstrap(), topics.names(), context.settings().partitions());
    Instant t = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    try (KafkaProducer<AlertKey, AlertTransition> producer = new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, context.bootstrap(), ProducerConfig.ACKS_CONFIG, "all"),
        topics.alerts().keySerde().serializer(), topics.alerts().valueSerde().serializer())) {
      for (int i = 0; i < n; i++) {
        String rule = "bench-rule-" + i;
        producer.send(new ProducerRecord<>(topics.alerts().name(), Alerts.key(rule, i), Alerts.alarm(rule, i, t, 95.0)));
      }
      producer.flush();
    }
    context.heap().beginPhase();
    long began = System.nanoTime();
    try (Notifiers.Running notifier = Notifiers.start(context,
        Notifiers.config(context, topics, "bench-notifier", Duration.ZERO, Duration.ZERO), "nt")) {
      long started = System.nanoTime();
      context.slack().awaitRequests("/webhook/nt", n, Duration.ofMinutes(3));
      double seconds = (System.nanoTime() - started) / 1e9;
      HeapSampler.Peak heap = context.heap().endPhase();
      context.table().add("notifier alerts/s into Slack stand-in", String.format(Locale.ROOT, "%,.0f /s", n / seconds),
          String.format(Locale.ROOT, "%d alerts, webhook mode, group wait 0, pacing off (default pacing: 1/s/channel);"
              + " start-up %.1f s not counted", n, (started - began) / 1e9));
      context.table().add("peak heap: notifier", heap.describe(), "JVM heap incl. broker");
    }
  }
}
