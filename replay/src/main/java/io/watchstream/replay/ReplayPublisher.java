package io.watchstream.replay;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Writes a replay's outputs to the replay's own topics on the broker, so other teams can consume them
 * like the live ones: {@code <prefix><label>.alerts} and {@code <prefix><label>.scaling-commands}, Avro
 * through the registry, record timestamp = transition time. A non-empty prefix is required, so a replay
 * can never write to the live {@code alerts} or {@code scaling-commands} topics (which the notifier
 * reads and acts on).
 */
public final class ReplayPublisher {

  private ReplayPublisher() {}

  /** @return the names of the alert topics written, one per run */
  public static List<String> publish(ReplayRequest.Kafka kafka, String prefix, List<RunResult> runs) {
    if (prefix == null || prefix.isBlank()) {
      throw new ReplayInputException("publishing replay outputs needs a topic prefix; live topics are never written");
    }
    Properties admin = kafka.connection().clientProperties(java.util.Map.of());
    Properties producer = kafka.connection().clientProperties(java.util.Map.of());
    producer.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producer.put(ProducerConfig.ACKS_CONFIG, "all");
    // a one-shot tool reports an absent registry after a few attempts instead of waiting for it like a service
    HttpSchemaRegistryClient registry = kafka.connection().registryClient(io.watchstream.schemas.RegistryRetryPolicy.oneShot());
    try (Admin a = Admin.create(admin)) {
      return runs.stream().map(run -> {
        Topics topics = new Topics(TopicNames.withPrefix(prefix + run.label() + "."), registry);
        create(a, topics.names().alerts());
        create(a, topics.names().scalingCommands());
        try (KafkaProducer<AlertKey, AlertTransition> alerts = new KafkaProducer<>(producer,
                 topics.alerts().keySerde().serializer(), topics.alerts().valueSerde().serializer());
             KafkaProducer<ScalingCommandKey, ScalingCommand> scaling = new KafkaProducer<>(producer,
                 topics.scalingCommands().keySerde().serializer(), topics.scalingCommands().valueSerde().serializer())) {
          for (AlertTransition t : run.alerts()) {
            alerts.send(new ProducerRecord<>(topics.names().alerts(), null, t.getTransitionTime().toEpochMilli(),
                new AlertKey(t.getRuleId(), t.getSeriesKey()), t));
          }
          for (ScalingCommand c : run.scalingCommands()) {
            scaling.send(new ProducerRecord<>(topics.names().scalingCommands(), null, c.getTriggerTime().toEpochMilli(),
                new ScalingCommandKey(c.getAutoScalingGroup()), c));
          }
          alerts.flush();
          scaling.flush();
        }
        return topics.names().alerts();
      }).toList();
    }
  }

  private static void create(Admin admin, String topic) {
    try {
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) -1))).all().get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new ReplayInputException("cannot create replay topic " + topic + ": " + e.getCause().getMessage(), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ReplayInputException("interrupted while creating " + topic, e);
    }
  }
}
