package io.watchstream.processor.app;

import io.watchstream.schemas.TopicNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates the topics the processor reads and writes when they do not exist yet (existing ones are left alone). */
public final class TopicSetup {

  public static void ensure(String bootstrapServers, TopicNames names, int partitions) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (Admin admin = Admin.create(p)) {
      Set<String> existing = admin.listTopics().names().get();
      List<NewTopic> missing = new ArrayList<>();
      for (String t : List.of(names.metrics(), names.logs(), names.alerts(), names.scalingCommands(), names.anomalyScores(),
          TopicNames.lateData(names.metrics()), TopicNames.lateData(names.logs()),
          TopicNames.deadLetter(names.metrics()), TopicNames.deadLetter(names.logs()), TopicNames.deadLetter(names.rules()),
          names.rulesRejected())) {
        if (!existing.contains(t)) {
          missing.add(new NewTopic(t, java.util.Optional.of(partitions), java.util.Optional.empty()));
        }
      }
      if (!existing.contains(names.rules())) {
        // one partition: the rule set is small and read whole by every instance
        missing.add(new NewTopic(names.rules(), java.util.Optional.of(1), java.util.Optional.empty())
            .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
      }
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get();
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot create topics: " + e.getCause().getMessage(), e.getCause());
    }
  }

  private TopicSetup() {}
}
