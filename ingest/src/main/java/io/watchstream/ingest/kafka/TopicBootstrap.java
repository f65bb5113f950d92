package io.watchstream.ingest.kafka;

import io.watchstream.ingest.config.IngestConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Creates the metrics, logs and (compacted) checkpoint topics, and the {@code .dlq} topics where ingest sets
 * records aside, when they do not exist yet. Existing
 * topics are left exactly as they are: their partition counts and retention belong to the operator.
 */
public final class TopicBootstrap {

  private TopicBootstrap() {}

  public static void ensureTopics(IngestConfig config) {
    IngestConfig.Kafka k = config.kafka();
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, k.bootstrapServers());
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String data : List.of(k.topics().metrics(), k.topics().logs(),
          io.watchstream.schemas.TopicNames.deadLetter(k.topics().metrics()),
          io.watchstream.schemas.TopicNames.deadLetter(k.topics().logs()))) {
        if (!existing.contains(data)) {
          missing.add(new NewTopic(data, k.partitions(), k.replicationFactor()));
        }
      }
      if (!existing.contains(k.topics().checkpoints())) {
        missing.add(new NewTopic(k.topics().checkpoints(), 1, k.replicationFactor())
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          // Another instance may have created them at the same moment.
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
            throw e;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("cannot create ingest topics on " + k.bootstrapServers() + ": " + e.getMessage(), e);
    }
  }
}
