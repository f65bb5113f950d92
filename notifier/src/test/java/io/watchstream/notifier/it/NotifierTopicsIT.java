package io.watchstream.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/** A fresh deployment has no notifier topics: the notifier creates its compacted state and silences topics. */
class NotifierTopicsIT {

  @Test
  void startsOnAClusterWithoutItsOwnTopicsAndCreatesThemCompacted() throws Exception {
    try (NotifierHarness h = new NotifierHarness("fresh-topics")) {
      String state = "fresh-state-" + UUID.randomUUID();
      String silences = "fresh-silences-" + UUID.randomUUID();
      String yaml = h.baseYaml()
          .replace("stateTopic: " + h.topics.names().notifierState(), "stateTopic: " + state)
          .replace("silencesTopic: " + h.topics.names().silences(), "silencesTopic: " + silences);

      h.start(yaml, Map.of(), io.watchstream.notifier.NotifierHooks.NONE);

      try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, h.kafka.bootstrapServers()))) {
        for (String topic : List.of(state, silences)) {
          ConfigResource r = new ConfigResource(ConfigResource.Type.TOPIC, topic);
          Config config = admin.describeConfigs(List.of(r)).all().get(30, TimeUnit.SECONDS).get(r);
          assertThat(config.get("cleanup.policy").value()).as(topic).isEqualTo("compact");
        }
      }
    }
  }
}
