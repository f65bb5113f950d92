package io.watchstream.cli.local;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.schemas.TopicSpec;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Prints every committed record of the {@code alerts} topic to the console as it arrives ({@link AlertFormat}),
 * independently of the notifier, so local mode shows alerts even without Slack. Reads with
 * {@code read_committed} (the processor writes exactly-once) under a throw-away consumer group, from the
 * beginning of the topic. Notes how long after start the first ALARM arrived. Transitions from
 * INSUFFICIENT_DATA to OK (a healthy series evaluated for the first time) are counted but not printed.
 */
public final class ConsoleAlertPrinter implements AutoCloseable {

  private final KafkaConsumer<AlertKey, AlertTransition> consumer;
  private final PrintWriter out;
  private final Ansi ansi;
  private final long startedNanos;
  private final Thread thread;
  private final List<AlertTransition> seen = new CopyOnWriteArrayList<>();
  private volatile boolean firstAlarmReported;

  public ConsoleAlertPrinter(String bootstrapServers, TopicSpec<AlertKey, AlertTransition> alerts, PrintWriter out,
                             Ansi ansi, long startedNanos) {
    Properties props = new Properties();
    props.putAll(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.GROUP_ID_CONFIG, "watchstream-local-console-" + UUID.randomUUID(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"));
    consumer = new KafkaConsumer<>(props, alerts.keySerde().deserializer(), alerts.valueSerde().deserializer());
    consumer.subscribe(List.of(alerts.name()));
    this.out = out;
    this.ansi = ansi;
    this.startedNanos = startedNanos;
    thread = new Thread(this::run, "local-console-alerts");
    thread.setDaemon(true);
    thread.start();
  }

  /** Every alert printed so far, in arrival order. */
  public List<AlertTransition> seen() {
    return List.copyOf(seen);
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        for (ConsumerRecord<AlertKey, AlertTransition> r : consumer.poll(Duration.ofMillis(500))) {
          if (r.value() == null) {
            continue;
          }
          seen.add(r.value());
          if (r.value().getFromState() == AlarmState.INSUFFICIENT_DATA && r.value().getToState() == AlarmState.OK) {
            continue; // a series' first evaluation coming out healthy: not news on a console
          }
          synchronized (out) {
            out.println(AlertFormat.line(r.value(), ansi));
            if (!firstAlarmReported && r.value().getToState() == AlarmState.ALARM) {
              firstAlarmReported = true;
              out.println(ansi.dim(String.format(Locale.ROOT, "[local] first alert %.0f s after start",
                  (System.nanoTime() - startedNanos) / 1e9)));
            }
            out.flush();
          }
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop.
    } finally {
      consumer.close(Duration.ofSeconds(2));
    }
  }

  @Override
  public void close() throws InterruptedException {
    consumer.wakeup();
    thread.join(5_000);
  }
}
