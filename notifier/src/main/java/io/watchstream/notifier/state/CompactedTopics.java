package io.watchstream.notifier.state;

import io.watchstream.runtime.kafka.CompactedTopicReader;
import io.watchstream.runtime.kafka.TopicSetup;
import io.watchstream.schemas.TopicDefinition;
import io.watchstream.schemas.TopicNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The notifier's compacted topics (state, silences) are read by assignment at start-up, so they must exist
 * before the notifier reads them, and they must be compacted — a broker's auto-created topic would be neither. A
 * store creates its topic from the catalogue definition ({@link TopicSetup}) before its first read, so a fresh
 * deployment needs no notifier topics.
 */
final class CompactedTopics {

  private CompactedTopics() {
  }

  static Map<String, Object> clientConfig(String bootstrapServers, Map<String, Object> extra) {
    Map<String, Object> config = new HashMap<>(extra);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return config;
  }

  /** Creates {@code topic}, the notifier's name for {@code definition}, when the cluster does not have it. */
  static void ensure(Map<String, Object> clientConfig, TopicDefinition definition, String topic) {
    TopicNames names = TopicNames.defaults().with(Map.of(definition.logical(), topic));
    TopicSetup.ensure(clientConfig, names, List.of(definition), TopicSetup.Settings.of(1));
  }

  /** A reader of {@code topic} with string keys and values (JSON documents). */
  static CompactedTopicReader<String, String> reader(Map<String, Object> clientConfig, String topic) {
    return CompactedTopicReader.strings(clientConfig, topic);
  }
}
