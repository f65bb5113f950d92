package io.watchstream.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.schemas.TopicCatalogue;
import io.watchstream.schemas.TopicNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

class TopicPlanTest {

  private final TopicSetup.Settings settings = TopicSetup.Settings.of(6).withReplicationFactor((short) 1);

  @Test
  void missingTopicsAreCreatedAsTheCatalogueDefinesThem() {
    TopicPlan plan = TopicPlan.of(TopicNames.defaults(), TopicCatalogue.INGEST, settings, Set.of("metrics"), Map.of());
    assertThat(plan.create()).extracting(NewTopic::name)
        .containsExactly("logs", "metrics.dlq", "logs.dlq", "ingest-checkpoints");
    NewTopic checkpoints = plan.create().get(3);
    assertThat(checkpoints.numPartitions()).isEqualTo(1);
    assertThat(checkpoints.replicationFactor()).isEqualTo((short) 1);
    assertThat(checkpoints.configs()).containsEntry("cleanup.policy", "compact");
    assertThat(checkpoints.configs()).containsEntry("min.insync.replicas", "1");
    assertThat(plan.create().get(0).numPartitions()).isEqualTo(6);
    assertThat(plan.create().get(0).configs()).containsEntry("cleanup.policy", "delete");
  }

  @Test
  void threeReplicasRequireTwoInSyncAndTheDefaultFollowsTheClusterSize() {
    TopicPlan plan = TopicPlan.of(TopicNames.defaults(), List.of(TopicCatalogue.ALERTS),
        TopicSetup.Settings.of(6).withReplicationFactor((short) 3), Set.of(), Map.of());
    assertThat(plan.create().get(0).replicationFactor()).isEqualTo((short) 3);
    assertThat(plan.create().get(0).configs()).containsEntry("min.insync.replicas", "2");
    assertThat(TopicSetup.defaultReplicationFactor(1)).isEqualTo((short) 1);
    assertThat(TopicSetup.defaultReplicationFactor(2)).isEqualTo((short) 2);
    assertThat(TopicSetup.defaultReplicationFactor(3)).isEqualTo((short) 3);
    assertThat(TopicSetup.defaultReplicationFactor(9)).isEqualTo((short) 3);
  }

  @Test
  void namesFollowTheOverridesAndDerivedTopicsTheirBase() {
    TopicNames names = TopicNames.defaults().with(Map.of("metrics", "prod.metrics"));
    TopicPlan plan = TopicPlan.of(names, List.of(TopicCatalogue.METRICS, TopicCatalogue.METRICS_DLQ, TopicCatalogue.METRICS_LATE),
        TopicSetup.Settings.of(3), Set.of(), Map.of());
    assertThat(plan.create()).extracting(NewTopic::name).containsExactly("prod.metrics", "prod.metrics.dlq", "prod.metrics.late");
    assertThat(plan.create().get(0).replicationFactor()).isEqualTo((short) -1);
  }

  @Test
  void existingTopicsAreLeftAloneButADifferentCleanupPolicyIsReported() {
    TopicPlan plan = TopicPlan.of(TopicNames.defaults(), List.of(TopicCatalogue.RULES, TopicCatalogue.ALERTS), settings,
        Set.of("rules", "alerts"), Map.of("rules", Map.of("cleanup.policy", "delete"), "alerts", Map.of("cleanup.policy", "delete")));
    assertThat(plan.create()).isEmpty();
    assertThat(plan.mismatches()).containsExactly("rules: cleanup.policy is delete, the catalogue says compact");
  }

  @Test
  void onlyExistingTopicsAreDescribed() {
    assertThat(TopicPlan.toDescribe(TopicNames.defaults(), TopicCatalogue.NOTIFIER, Set.of("silences", "other")))
        .containsExactly("silences");
    assertThat(Optional.of(TopicCatalogue.PROCESSOR.size())).contains(12);
  }
}
