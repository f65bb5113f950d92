package io.watchstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.avro.AlertTransition;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class TopicCatalogueTest {

  @Test
  void everyTopicOfThePipelineIsInTheCatalogueWithItsDefaultName() {
    assertThat(TopicCatalogue.definitions()).extracting(TopicDefinition::defaultName).containsExactlyInAnyOrder(
        "metrics", "logs", "rules", "alerts", "scaling-commands", "anomaly-scores", "ingest-checkpoints",
        "notifier-state", "silences", "metrics.dlq", "logs.dlq", "rules.dlq", "alerts.dlq", "metrics.late",
        "logs.late", "rules.rejected");
  }

  @Test
  void tablesAreCompactedWithOnePartitionAndDataTopicsTakeTheDeploymentsCount() {
    for (TopicDefinition d : List.of(TopicCatalogue.RULES, TopicCatalogue.INGEST_CHECKPOINTS, TopicCatalogue.NOTIFIER_STATE,
        TopicCatalogue.SILENCES)) {
      assertThat(d.cleanupPolicy()).as(d.logical()).isEqualTo(CleanupPolicy.COMPACT);
      assertThat(d.partitions(6)).as(d.logical()).isEqualTo(1);
    }
    assertThat(TopicCatalogue.definitions()).filteredOn(d -> d.cleanupPolicy() == CleanupPolicy.DELETE)
        .allMatch(d -> d.partitions(6) == 6).hasSize(12);
  }

  @Test
  void derivedTopicsAreNamedAfterTheirBaseUnderOverrides() {
    TopicNames names = TopicNames.defaults().with(Map.of("rules", "prod.rules"));
    assertThat(TopicCatalogue.RULES_REJECTED.name(names)).isEqualTo("prod.rules.rejected").isEqualTo(names.rulesRejected());
    assertThat(TopicCatalogue.RULES_DLQ.name(names)).isEqualTo(TopicNames.deadLetter("prod.rules"));
    assertThat(TopicCatalogue.METRICS_LATE.name(names)).isEqualTo(TopicNames.lateData("metrics"));
    assertThat(TopicCatalogue.RULES_REJECTED.derived()).isTrue();
    assertThat(TopicCatalogue.RULES.derived()).isFalse();
  }

  @Test
  void definitionsAreFoundByLogicalName() {
    assertThat(TopicCatalogue.byLogical("scalingCommands")).contains(TopicCatalogue.SCALING_COMMANDS);
    assertThat(TopicCatalogue.byLogical("metrics.dlq")).contains(TopicCatalogue.METRICS_DLQ);
    assertThat(TopicCatalogue.byLogical("nope")).isEmpty();
  }

  @Test
  void overridesTakeLogicalNamesAndTheEnvironmentVariablesKeepTheirNames() {
    assertThat(TopicNames.envVariable("scalingCommands")).isEqualTo("WATCHSTREAM_TOPIC_SCALING_COMMANDS");
    assertThat(TopicNames.envVariable("ingestCheckpoints")).isEqualTo("WATCHSTREAM_TOPIC_INGEST_CHECKPOINTS");
    TopicNames n = TopicNames.defaults().withOverrides(Map.of("WATCHSTREAM_TOPIC_ALERTS", "prod.alerts",
        "WATCHSTREAM_TOPIC_NOTIFIER_STATE", "prod.state", "WATCHSTREAM_TOPIC_LOGS", " "));
    assertThat(n.alerts()).isEqualTo("prod.alerts");
    assertThat(n.notifierState()).isEqualTo("prod.state");
    assertThat(n.logs()).isEqualTo("logs");
    assertThat(n.name("notifierState")).isEqualTo("prod.state");
    assertThatThrownBy(() -> TopicNames.defaults().with(Map.of("alert", "x"))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theCatalogueGivesEachTopicItsSerdes() {
    Topics topics = new Topics(TopicNames.defaults(), new InMemorySchemaRegistryClient());
    TopicSpec<?, ?> alerts = topics.spec(TopicCatalogue.ALERTS);
    assertThat(alerts.name()).isEqualTo("alerts");
    assertThat(alerts.valueSerde()).isInstanceOf(AvroSerde.class);
    assertThat(topics.spec(TopicCatalogue.NOTIFIER_STATE).valueSerde().getClass()).isEqualTo(Serdes.String().getClass());
    assertThat(topics.spec(TopicCatalogue.ALERTS_DLQ).keySerde().getClass()).isEqualTo(Serdes.ByteArray().getClass());
    assertThat(TopicCatalogue.ALERTS.valueType()).isEqualTo(AlertTransition.class);
  }
}
