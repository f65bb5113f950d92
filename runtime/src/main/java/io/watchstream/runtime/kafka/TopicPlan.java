package io.watchstream.runtime.kafka;

import io.watchstream.schemas.CleanupPolicy;
import io.watchstream.schemas.TopicDefinition;
import io.watchstream.schemas.TopicNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

/**
 * What {@link TopicSetup} does, decided without a broker: the topics to create (missing ones, as the catalogue
 * defines them) and how existing ones differ from their definition. Existing topics are never changed: their
 * partition counts and retention belong to the operator; a difference is reported so it can be logged or refused.
 */
record TopicPlan(List<NewTopic> create, List<String> mismatches) {

  /** {@code existingConfigs}: the topic configs of those existing topics that are in {@code topics}. */
  static TopicPlan of(TopicNames names, List<TopicDefinition> topics, TopicSetup.Settings settings,
      Set<String> existing, Map<String, Map<String, String>> existingConfigs) {
    List<NewTopic> create = new ArrayList<>();
    List<String> mismatches = new ArrayList<>();
    Set<String> seen = new LinkedHashSet<>();
    for (TopicDefinition d : topics) {
      String name = d.name(names);
      if (!seen.add(name)) {
        continue;
      }
      if (!existing.contains(name)) {
        create.add(new NewTopic(name, Optional.of(d.partitions(settings.dataPartitions())), settings.replicationFactor())
            .configs(configs(d, settings.replicationFactor())));
        continue;
      }
      Map<String, String> actual = existingConfigs.getOrDefault(name, Map.of());
      String policy = actual.get(TopicConfig.CLEANUP_POLICY_CONFIG);
      if (policy != null && policy.contains(CleanupPolicy.COMPACT.configValue()) != (d.cleanupPolicy() == CleanupPolicy.COMPACT)) {
        mismatches.add(name + ": cleanup.policy is " + policy + ", the catalogue says " + d.cleanupPolicy().configValue());
      }
      d.retention().ifPresent(r -> {
        String ms = actual.get(TopicConfig.RETENTION_MS_CONFIG);
        if (ms != null && !ms.equals(Long.toString(r.toMillis()))) {
          mismatches.add(name + ": retention.ms is " + ms + ", the catalogue says " + r.toMillis());
        }
      });
    }
    return new TopicPlan(List.copyOf(create), List.copyOf(mismatches));
  }

  /** The names of the existing topics whose configs the plan needs. */
  static List<String> toDescribe(TopicNames names, List<TopicDefinition> topics, Set<String> existing) {
    return topics.stream().map(d -> d.name(names)).filter(existing::contains).distinct().toList();
  }

  /**
   * The catalogue's settings, and {@code min.insync.replicas} for a known replication factor: 2 with 3 or more
   * replicas (a write survives one broker down and is on two), else 1 (two replicas requiring both would stop writes
   * when either broker is down).
   */
  private static Map<String, String> configs(TopicDefinition d, Optional<Short> replicationFactor) {
    Map<String, String> c = new LinkedHashMap<>();
    replicationFactor.ifPresent(rf -> c.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, rf >= 3 ? "2" : "1"));
    c.put(TopicConfig.CLEANUP_POLICY_CONFIG, d.cleanupPolicy().configValue());
    d.retention().ifPresent(r -> c.put(TopicConfig.RETENTION_MS_CONFIG, Long.toString(r.toMillis())));
    return c;
  }
}
