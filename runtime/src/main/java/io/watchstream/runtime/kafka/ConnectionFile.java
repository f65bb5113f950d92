package io.watchstream.runtime.kafka;

import io.watchstream.runtime.config.EnvOverride;
import io.watchstream.runtime.config.YamlConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A file holding only the connection, for commands that have no service file of their own ({@code watchstream replay
 * --from/--to --kafka-config FILE}): the same {@code kafka:} keys every service file has for connecting, loaded as
 * strictly as those files.
 *
 * <pre>{@code
 * kafka:
 *   bootstrapServers: b-1.example.kafka.eu-west-1.amazonaws.com:9096
 *   schemaRegistryUrl: https://registry.example.com
 *   properties:
 *     security.protocol: SASL_SSL
 *     sasl.mechanism: SCRAM-SHA-512
 *     sasl.jaas.config: { env: KAFKA_JAAS_CONFIG }
 *   registry:
 *     basicAuth: { username: reader, password: { file: /run/secrets/registry-password } }
 * }</pre>
 */
public record ConnectionFile(Section kafka) {

  public ConnectionFile {
    kafka = kafka == null ? new Section(null, null, null, null) : kafka;
  }

  public record Section(String bootstrapServers, String schemaRegistryUrl, Map<String, PropertyValue> properties,
      RegistrySettings registry) {}

  private static final YamlConfig<ConnectionFile> YAML = new YamlConfig<>(ConnectionFile.class,
      List.of(EnvOverride.of("WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka.bootstrapServers"),
          EnvOverride.of("WATCHSTREAM_SCHEMA_REGISTRY_URL", "kafka.schemaRegistryUrl")),
      c -> KafkaConnection.problems("kafka", c.kafka().properties(), c.kafka().registry()));

  /**
   * The connection {@code file} describes, with the environment; {@code bootstrapServers} and {@code registryUrl}
   * (command-line options, null when not given) win over the file, and stand in when it names none.
   */
  public static KafkaConnection load(Path file, String bootstrapServers, String registryUrl, Map<String, String> env) {
    Section s = YAML.load(file, env).kafka();
    String servers = bootstrapServers != null ? bootstrapServers : s.bootstrapServers() != null ? s.bootstrapServers() : "127.0.0.1:9092";
    String url = registryUrl != null ? registryUrl
        : s.schemaRegistryUrl() != null ? s.schemaRegistryUrl() : "http://127.0.0.1:8081/apis/ccompat/v7";
    return KafkaConnection.resolve("kafka", servers, s.properties(), url, s.registry(), env);
  }
}
