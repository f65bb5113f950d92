package io.watchstream.runtime.kafka;

import io.watchstream.schemas.TopicDefinition;
import io.watchstream.schemas.TopicNames;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalogue topics a service needs when they are missing, and checks existing ones against their
 * definitions (cleanup policy, retention). Unless the deployment sets a replication factor, a topic gets 3 replicas
 * (as many as the cluster has brokers, when fewer) and {@code min.insync.replicas} 2 with 3 or more replicas (else
 * 1): one broker may then fail without losing an acknowledged record or stopping writes, whatever the broker's own
 * {@code default.replication.factor} (1 on a self-managed cluster). Existing topics are left as they are; differences are logged at WARN and
 * returned. Creating a topic another instance created at the same moment is not an error.
 *
 * <pre>{@code
 * TopicSetup.ensure(Map.of("bootstrap.servers", servers), names, TopicCatalogue.INGEST, TopicSetup.Settings.of(6));
 * }</pre>
 */
public final class TopicSetup {

  private static final Logger LOG = LoggerFactory.getLogger(TopicSetup.class);

  /**
   * @param dataPartitions    partitions of the topics the catalogue leaves to the deployment (data topics)
   * @param replicationFactor empty = 3, or the number of brokers when fewer
   * @param timeout           for each admin call
   */
  public record Settings(int dataPartitions, Optional<Short> replicationFactor, Duration timeout) {
    public static Settings of(int dataPartitions) {
      return new Settings(dataPartitions, Optional.empty(), Duration.ofSeconds(30));
    }

    public Settings withReplicationFactor(short factor) {
      return new Settings(dataPartitions, Optional.of(factor), timeout);
    }
  }

  /** The topics this call created and how existing ones differ from the catalogue. */
  public record Outcome(List<String> created, List<String> mismatches) {}

  private TopicSetup() {}

  /** With a short-lived admin client; {@code adminConfig} holds at least {@code bootstrap.servers}. */
  public static Outcome ensure(Map<String, Object> adminConfig, TopicNames names, List<TopicDefinition> topics,
      Settings settings) {
    try (Admin admin = Admin.create(adminConfig)) {
      return ensure(admin, names, topics, settings);
    } catch (RuntimeException e) {
      // the first call a service makes: wrong credentials end start-up here, saying so, instead of 30 s of retries
      KafkaAuthenticationFailed.rethrowIfAuthentication(e, adminConfig);
      throw e;
    }
  }

  public static Outcome ensure(Admin admin, TopicNames names, List<TopicDefinition> topics, Settings settings) {
    try {
      Set<String> existing = get(admin.listTopics().names(), settings);
      Settings resolved = settings.replicationFactor().isPresent() ? settings
          : settings.withReplicationFactor(defaultReplicationFactor(get(admin.describeCluster().nodes(), settings).size()));
      TopicPlan plan = TopicPlan.of(names, topics, resolved, existing, configs(admin, TopicPlan.toDescribe(names, topics, existing), settings));
      List<String> created = create(admin, plan.create(), settings);
      if (!created.isEmpty()) {
        LOG.info("Created topics {}", created);
      }
      plan.mismatches().forEach(m -> LOG.warn("Topic differs from the catalogue (left as it is): {}", m));
      return new Outcome(created, plan.mismatches());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while setting up topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot set up topics: " + e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("timed out setting up topics after " + settings.timeout(), e);
    }
  }

  /** 3 replicas, or as many as there are brokers when fewer (a one-broker development cluster: 1). */
  static short defaultReplicationFactor(int brokers) {
    return (short) Math.max(1, Math.min(3, brokers));
  }

  private static List<String> create(Admin admin, List<NewTopic> topics, Settings settings)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> created = new ArrayList<>();
    if (topics.isEmpty()) {
      return created;
    }
    for (Map.Entry<String, KafkaFuture<Void>> f : admin.createTopics(topics).values().entrySet()) {
      try {
        get(f.getValue(), settings);
        created.add(f.getKey());
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    }
    return created;
  }

  private static Map<String, Map<String, String>> configs(Admin admin, List<String> topics, Settings settings)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Map<String, String>> out = new HashMap<>();
    if (topics.isEmpty()) {
      return out;
    }
    List<ConfigResource> resources = topics.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
    Map<ConfigResource, Config> described = get(admin.describeConfigs(resources).all(), settings);
    described.forEach((resource, config) -> {
      Map<String, String> values = new HashMap<>();
      for (ConfigEntry e : config.entries()) {
        if (e.value() != null) {
          values.put(e.name(), e.value());
        }
      }
      out.put(resource.name(), values);
    });
    return out;
  }

  private static <T> T get(KafkaFuture<T> future, Settings settings)
      throws InterruptedException, ExecutionException, TimeoutException {
    return future.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
  }
}
