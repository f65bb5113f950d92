package io.watchstream.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.runtime.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaConnectionTest {

  private static final String JAAS =
      "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" password=\"s3cret\";";

  private static KafkaConnection resolve(Map<String, PropertyValue> properties, RegistrySettings registry,
      Map<String, String> env) {
    return KafkaConnection.resolve("kafka", "b1:9096", properties, "https://registry", registry, env);
  }

  @Test
  void propertiesComeInlineFromAVariableOrAFileAndReachEveryClientConfig(@TempDir Path dir) throws Exception {
    Path jaas = Files.writeString(dir.resolve("jaas"), JAAS + "\n");
    KafkaConnection c = resolve(Map.of("security.protocol", PropertyValue.of("SASL_SSL"),
        "sasl.mechanism", PropertyValue.fromEnv("MECHANISM"), "sasl.jaas.config", PropertyValue.fromFile(jaas.toString())),
        null, Map.of("MECHANISM", "SCRAM-SHA-512"));

    assertThat(c.clientConfig()).containsEntry("bootstrap.servers", "b1:9096").containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config", JAAS);
    assertThat(c.identity()).isEqualTo("user alice (SASL/SCRAM-SHA-512)");
    assertThat(c.toString()).contains("sasl.jaas.config").doesNotContain("s3cret");
  }

  @Test
  void theEnvironmentWinsOverTheFileAndAPropertiesFileSitsBetween(@TempDir Path dir) throws Exception {
    Path props = Files.writeString(dir.resolve("client.properties"), "sasl.mechanism=PLAIN\nsecurity.protocol=SASL_SSL\n");
    KafkaConnection c = resolve(Map.of("sasl.mechanism", PropertyValue.of("SCRAM-SHA-256"),
        "request.timeout.ms", PropertyValue.of("20000")), null, Map.of(
        "WATCHSTREAM_KAFKA_PROPERTIES_FILE", props.toString(),
        "WATCHSTREAM_KAFKA_SECURITY_PROTOCOL", "SSL",
        "WATCHSTREAM_KAFKA_SASL_JAAS_CONFIG", JAAS,
        "WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", "not-a-property-variable"));

    assertThat(c.clientConfig()).containsEntry("sasl.mechanism", "PLAIN").containsEntry("security.protocol", "SSL")
        .containsEntry("sasl.jaas.config", JAAS).containsEntry("request.timeout.ms", "20000")
        .containsEntry("bootstrap.servers", "b1:9096");
  }

  @Test
  void aMissingSecretNamesItsReferenceNeverAValue() {
    assertThatThrownBy(() -> resolve(Map.of("sasl.jaas.config", PropertyValue.fromEnv("KAFKA_JAAS"),
        "ssl.keystore.password", PropertyValue.fromFile("/nonexistent/pw")), null, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("kafka.properties.sasl.jaas.config: the environment variable KAFKA_JAAS is not set")
        .hasMessageContaining("kafka.properties.ssl.keystore.password: cannot read the file /nonexistent/pw");
  }

  @Test
  void misspeltAndServiceOwnedPropertiesAreRefusedAtLoadTimeAndFromTheEnvironment() {
    assertThat(KafkaConnection.problems("kafka", Map.of("sasl.mechansim", PropertyValue.of("PLAIN"),
        "bootstrap.servers", PropertyValue.of("x:1"), "isolation.level", PropertyValue.of("read_uncommitted"),
        "sasl.jaas.config", new PropertyValue(null, "A", "/b")), null))
        .extracting(p -> p.path() + ": " + p.problem())
        .containsExactly(
            "kafka.properties.bootstrap.servers: set kafka.bootstrapServers (or WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS) instead",
            "kafka.properties.isolation.level: is set by each service for its delivery guarantees",
            "kafka.properties.sasl.jaas.config: a reference names exactly one of env: VARIABLE or file: PATH",
            "kafka.properties.sasl.mechansim: is not a property of the Kafka producer, consumer or admin client (see the Kafka client configuration docs)");
    assertThatThrownBy(() -> resolve(Map.of(), null, Map.of("WATCHSTREAM_KAFKA_SASL_MECHANSIM", "PLAIN")))
        .hasMessageContaining("env WATCHSTREAM_KAFKA_SASL_MECHANSIM: sasl.mechansim: is not a property");
  }

  @Test
  void registryBasicAuthOrBearerTokenBecomeTheAuthorizationHeader() {
    RegistrySettings basic = new RegistrySettings(
        new RegistrySettings.BasicAuth(PropertyValue.of("KEY"), PropertyValue.fromEnv("SECRET")), null, null);
    KafkaConnection c = resolve(Map.of(), basic, Map.of("SECRET", "pw"));
    assertThat(c.registryAccess().authorization())
        .isEqualTo("Basic " + Base64.getEncoder().encodeToString("KEY:pw".getBytes(StandardCharsets.UTF_8)));
    assertThat(c.registryAccess().identity()).isEqualTo("user KEY (basic auth)");
    assertThat(c.registryAccess().toString()).doesNotContain("Basic");

    KafkaConnection bearer = resolve(Map.of(), null, Map.of("WATCHSTREAM_SCHEMA_REGISTRY_BEARER_TOKEN", "tok"));
    assertThat(bearer.registryAccess().authorization()).isEqualTo("Bearer tok");

    assertThat(KafkaConnection.problems("kafka", Map.of(), new RegistrySettings(basic.basicAuth(), PropertyValue.of("t"), null)))
        .extracting(p -> p.path() + ": " + p.problem()).containsExactly("kafka.registry: give basicAuth or bearerToken, not both");
    assertThatThrownBy(() -> resolve(Map.of(), null, Map.of("WATCHSTREAM_SCHEMA_REGISTRY_USERNAME", "u")))
        .hasMessageContaining("set both WATCHSTREAM_SCHEMA_REGISTRY_USERNAME and WATCHSTREAM_SCHEMA_REGISTRY_PASSWORD");
  }

  @Test
  void aCaFileThatHoldsNoCertificateIsAConfigProblem(@TempDir Path dir) throws Exception {
    Path notPem = Files.writeString(dir.resolve("ca.pem"), "hello");
    assertThatThrownBy(() -> resolve(Map.of(), new RegistrySettings(null, null, notPem), Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("kafka.registry.caFile: cannot read PEM certificates from");
  }

  @Test
  void aConnectionFileIsLoadedStrictlyWithReferencesAsMappings(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("kafka.yaml"), """
        kafka:
          bootstrapServers: b2:9096
          properties:
            security.protocol: SASL_SSL
            sasl.mechanism: PLAIN
            sasl.jaas.config: { env: JAAS }
            request.timeout.ms: 30000
          registry:
            bearerToken: { env: TOKEN }
        """);
    KafkaConnection c = ConnectionFile.load(file, null, "https://r", Map.of("JAAS", JAAS, "TOKEN", "t"));
    assertThat(c.bootstrapServers()).isEqualTo("b2:9096");
    assertThat(c.registryUrl()).isEqualTo("https://r");
    assertThat(c.clientConfig()).containsEntry("sasl.jaas.config", JAAS).containsEntry("request.timeout.ms", "30000");

    Path typo = Files.writeString(dir.resolve("typo.yaml"), """
        kafka:
          properties:
            sasl.jaas.config: { environment: JAAS }
        """);
    assertThatThrownBy(() -> ConnectionFile.load(typo, null, null, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining(typo + ":3:").hasMessageContaining("environment");

    Path misspelt = Files.writeString(dir.resolve("misspelt.yaml"), """
        kafka:
          properties:
            security.protocol: SASL_SSL
            sasl.mechansim: PLAIN
        """);
    assertThatThrownBy(() -> ConnectionFile.load(misspelt, null, null, Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(misspelt + ":4:5: kafka.properties.sasl.mechansim: is not a property of the Kafka producer");
  }

  @Test
  void anAuthenticationFailureSaysWhoseCredentialsWereRejected() {
    Map<String, Object> config = Map.of("bootstrap.servers", "b1:9096", "security.protocol", "SASL_SSL",
        "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", JAAS);
    var failure = KafkaAuthenticationFailed.of(new IllegalStateException("cannot set up topics",
        new SaslAuthenticationException("Authentication failed during authentication due to invalid credentials")), config);
    assertThat(failure).isPresent();
    assertThat(failure.get().getMessage())
        .startsWith("Kafka at b1:9096 rejected the credentials for user alice (SASL/SCRAM-SHA-512): Authentication failed")
        .doesNotContain("s3cret");
    assertThat(KafkaAuthenticationFailed.of(new IllegalStateException("other"), config)).isEmpty();
  }

  @Test
  void theMskIamMechanismLoadsAndAKafkaClientAcceptsItsSettings() {
    // No MSK is reachable here: this proves the login module and callback handler are on the classpath and that a
    // client accepts the documented settings (credentials are only fetched at the SASL handshake).
    Map<String, Object> config = Map.of("bootstrap.servers", "127.0.0.1:1", "security.protocol", "SASL_SSL",
        "sasl.mechanism", "AWS_MSK_IAM",
        "sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;",
        "sasl.client.callback.handler.class", "software.amazon.msk.auth.iam.IAMClientCallbackHandler");
    assertThat(KafkaConnection.problems("kafka", Map.of("sasl.mechanism", PropertyValue.of("AWS_MSK_IAM"),
        "sasl.client.callback.handler.class", PropertyValue.of("software.amazon.msk.auth.iam.IAMClientCallbackHandler")), null))
        .isEmpty();
    var admin = org.apache.kafka.clients.admin.Admin.create(config); // throws if the mechanism or a class is unknown
    admin.close(java.time.Duration.ZERO);
    assertThat(KafkaConnection.identity(config)).isEqualTo("AWS IAM credentials (SASL/AWS_MSK_IAM)");
  }
}
