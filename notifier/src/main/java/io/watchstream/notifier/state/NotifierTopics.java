package io.watchstream.notifier.state;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notifier's compacted topics (state, silences) are read by assignment at start-up, so they must exist
 * before the notifier runs, and they must be compacted — a broker's auto-created topic would be neither. A
 * store that finds its topic missing creates it here (a fresh deployment starts with no notifier topics).
 */
public final class NotifierTopics {

  private static final Logger LOG = LoggerFactory.getLogger(NotifierTopics.class);

  private NotifierTopics() {
  }

  /**
   * Partitions of the compacted {@code topic}, creating the topic first when the cluster does not have it.
   * Existence is asked of the admin API, not of the consumer: a consumer's metadata request can make a
   * broker auto-create the topic, uncompacted, and may answer with no partitions while it does.
   */
  public static List<TopicPartition> compactedTopicPartitions(Consumer<?, ?> reader, String bootstrapServers,
      Map<String, Object> clientExtra, String topic, Duration timeout) {
    createCompactedIfMissing(bootstrapServers, clientExtra, topic);
    long deadline = System.nanoTime() + timeout.toNanos();
    List<PartitionInfo> infos = reader.partitionsFor(topic, timeout);
    while ((infos == null || infos.isEmpty()) && System.nanoTime() < deadline) {
      infos = reader.partitionsFor(topic, Duration.ofSeconds(5));
    }
    if (infos == null || infos.isEmpty()) {
      throw new IllegalStateException("topic " + topic + " has no partitions after " + timeout);
    }
    return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
  }

  private static void createCompactedIfMissing(String bootstrapServers, Map<String, Object> clientExtra, String topic) {
    Properties p = new Properties();
    p.putAll(clientExtra);
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(p)) {
      if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(topic)) {
        return;
      }
      admin.createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())
          .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT))))
          .all().get(30, TimeUnit.SECONDS);
      LOG.info("Created compacted topic {}", topic);
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new IllegalStateException("cannot create topic " + topic + ": " + e.getCause().getMessage(), e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + topic, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out creating topic " + topic + " on " + bootstrapServers, e);
    }
  }
}
