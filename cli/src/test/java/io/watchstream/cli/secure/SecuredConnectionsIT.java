package io.watchstream.cli.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.watchstream.cli.Watchstream;
import io.watchstream.ingest.IngestService;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import io.watchstream.notifier.NotifierFactory;
import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.NotifierService;
import io.watchstream.notifier.config.NotifierConfigLoader;
import io.watchstream.processor.app.ProcessorApp;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.app.ProcessorConfigLoader;
import io.watchstream.processor.app.RulePublisher;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.runtime.kafka.TopicSetup;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.sandbox.NginxProxy;
import io.watchstream.sandbox.SlackStandIn;
import io.watchstream.sandbox.TlsMaterial;
import io.watchstream.schemas.SchemaRegistryException;
import io.watchstream.schemas.TopicCatalogue;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.RealParts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

/**
 * Every service and {@code replay --from/--to} against a secured cluster and registry, as managed Kafka offers them:
 * the embedded broker's SASL_SSL listener (SCRAM-SHA-512, a certificate made by openssl for this class) and the
 * registry behind Debian's nginx (TLS, basic auth on one port, a bearer token on another). One broker and one proxy
 * for the class. Each service gets its settings a different way: ingest and the processor from their YAML files
 * (secrets as {@code {file:}} references), the notifier from the {@code WATCHSTREAM_KAFKA_*} and
 * {@code WATCHSTREAM_SCHEMA_REGISTRY_*} variables, replay from {@code --kafka-config}.
 */
class SecuredConnectionsIT {

  private static final String USER = "watchstream";
  private static final String PASSWORD = "scram-secret-1";
  private static final String REGISTRY_USER = "svc";
  private static final String REGISTRY_PASSWORD = "registry-secret-1";
  private static final String BEARER = "bearer-secret-1";
  private static final String RULES = """
      rules:
        - id: secure-load-high
          kind: threshold
          metric: { namespace: Secure/IT, name: Load, dimensions: { InstanceId: "*" } }
          period: 60s
          statistic: Average
          comparison: ">"
          threshold: 50
          evaluationPeriods: 1
          datapointsToAlarm: 1
          severity: critical
      """;

  private static Path dir;
  private static TlsMaterial tls;
  private static EmbeddedKafka kafka;
  private static NginxProxy proxy;
  private static Path jaasFile;
  private static Path wrongJaasFile;
  private static Path registryPasswordFile;

  @BeforeAll
  static void secureParts() throws Exception {
    dir = Files.createTempDirectory("secured-it");
    tls = TlsMaterial.generate(dir);
    kafka = EmbeddedKafka.start(EmbeddedKafka.Options.defaults()
        .withSaslSsl(new EmbeddedKafka.SecureListener(tls, Map.of(USER, PASSWORD))));
    proxy = NginxProxy.start(URI.create(RealParts.registry().baseUrl()), tls, Map.of(REGISTRY_USER, REGISTRY_PASSWORD), BEARER);
    jaasFile = write("jaas", jaas(PASSWORD));
    wrongJaasFile = write("wrong-jaas", jaas("not-the-password"));
    registryPasswordFile = write("registry-password", REGISTRY_PASSWORD + "\n");
  }

  @AfterAll
  static void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void ingestProcessorNotifierAndReplayWorkThroughSaslSslAndTheAuthenticatingProxy() throws Exception {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    putLoad("i-secure-1", now.minus(Duration.ofMinutes(8)), 8, 95.0);
    SlackStandIn slack = RealParts.slack();
    List<AutoCloseable> running = new ArrayList<>();
    try {
      // processor: file settings, basic auth to the registry; the same steps as `watchstream process`
      Path rules = write("rules.yaml", RULES);
      ProcessorConfig processorConfig = ProcessorConfigLoader.load(write("processor.yaml", """
          kafka:
            bootstrapServers: "%s"
            schemaRegistryUrl: "%s/apis/ccompat/v7"
            applicationId: secured-it
            stateDir: "%s"
            properties:
          %s
            registry:
              basicAuth: { username: %s, password: { file: "%s" } }
              caFile: "%s"
          rulesFile: "%s"
          ops: { httpPort: -1 }
          """.formatted(kafka.secureBootstrapServers(), proxy.basicAuthUrl(), dir.resolve("state"), kafkaProperties(jaasFile),
          REGISTRY_USER, registryPasswordFile, tls.certificate(), rules)), Map.of());
      KafkaConnection processorConnection = processorConfig.kafka().connection(Map.of());
      Topics topics = new Topics(TopicNames.defaults(), processorConnection.registryClient());
      TopicSetup.ensure(processorConnection.clientConfig(), topics.names(), TopicCatalogue.definitions(), TopicSetup.Settings.of(1));
      new RulePublisher(processorConnection.clientConfig(), topics.rules()).publish(new RuleFileLoader().load(rules));
      ProcessorApp processor = new ProcessorApp(processorConfig, processorConnection, topics);
      running.add(processor);
      processor.start();

      // notifier: the same settings from the environment only, bearer token to the registry
      Map<String, String> env = new HashMap<>();
      env.put("TEST_WEBHOOK_URL", slack.webhookUrl("secured-it"));
      env.put("WATCHSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_SSL");
      env.put("WATCHSTREAM_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512");
      env.put("WATCHSTREAM_KAFKA_SASL_JAAS_CONFIG", jaas(PASSWORD));
      env.put("WATCHSTREAM_KAFKA_SSL_TRUSTSTORE_TYPE", "PEM");
      env.put("WATCHSTREAM_KAFKA_SSL_TRUSTSTORE_LOCATION", tls.certificate().toString());
      env.put("WATCHSTREAM_SCHEMA_REGISTRY_BEARER_TOKEN", BEARER);
      env.put("WATCHSTREAM_SCHEMA_REGISTRY_CA_FILE", tls.certificate().toString());
      env.put("WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", kafka.secureBootstrapServers());
      env.put("WATCHSTREAM_SCHEMA_REGISTRY_URL", proxy.bearerUrl() + "/apis/ccompat/v7");
      NotifierService notifier = NotifierFactory.create(NotifierConfigLoader.parse("""
          kafka: { groupId: secured-it-notifier }
          slack: { mode: webhook, defaultWebhook: { env: TEST_WEBHOOK_URL }, postInterval: 50ms }
          routing: { defaultChannel: "#secured" }
          noise: { groupWait: 200ms }
          ops: { httpPort: -1 }
          """, env), env, Clock.systemUTC(), NotifierHooks.NONE);
      running.add(notifier);
      Thread loop = new Thread(notifier, "secured-it-notifier");
      loop.setDaemon(true);
      loop.start();
      assertThat(notifier.awaitStarted(Duration.ofSeconds(60))).as("notifier started").isTrue();

      // ingest: file settings, basic auth to the registry, CloudWatch from moto
      IngestService ingest = new IngestService(ingestConfig(jaasFile, registryPasswordFile), Clock.systemUTC()).start();
      running.add(ingest);
      Thread ingestLoop = new Thread(ingest::runUntilStopped, "secured-it-ingest");
      ingestLoop.setDaemon(true);
      ingestLoop.start();

      // metrics ingested, evaluated and alerted, and the alert posted: every hop went through SASL_SSL and the proxy
      var posts = slack.awaitRequests("/webhook/secured-it", 1, Duration.ofSeconds(120));
      assertThat(posts.get(0).body()).contains("secure-load-high");

      // replay of the same range, reading the topics through --kafka-config
      Path connection = write("connection.yaml", """
          kafka:
            bootstrapServers: "%s"
            schemaRegistryUrl: "%s/apis/ccompat/v7"
            properties:
          %s
            registry:
              basicAuth: { username: %s, password: { file: "%s" } }
              caFile: "%s"
          """.formatted(kafka.secureBootstrapServers(), proxy.basicAuthUrl(), kafkaProperties(jaasFile), REGISTRY_USER,
          registryPasswordFile, tls.certificate()));
      Path transitions = dir.resolve("transitions.jsonl");
      Run replay = run("replay", "--from", now.minus(Duration.ofMinutes(30)).toString(), "--to", now.plus(Duration.ofMinutes(1)).toString(),
          "--kafka-config", connection.toString(), "--rules", rules.toString(), "--transitions", transitions.toString());
      assertThat(replay.exit()).as(replay.err()).isZero();
      assertThat(Files.readString(transitions)).contains("secure-load-high").contains("ALARM");
    } finally {
      for (int i = running.size() - 1; i >= 0; i--) {
        running.get(i).close();
      }
    }
  }

  @Test
  void wrongKafkaCredentialsStopEveryServiceAndReplayAtOnceNamingTheUser() throws Exception {
    String wrongProperties = kafkaProperties(wrongJaasFile);
    Path rules = write("rules-wrong.yaml", RULES);
    Path processor = write("processor-wrong.yaml", """
        kafka:
          bootstrapServers: "%s"
          schemaRegistryUrl: "%s/apis/ccompat/v7"
          applicationId: secured-it-wrong
          stateDir: "%s"
          properties:
        %s
        ops: { httpPort: -1 }
        """.formatted(kafka.secureBootstrapServers(), proxy.basicAuthUrl(), dir.resolve("state-wrong"), wrongProperties));
    Path notifier = write("notifier-wrong.yaml", """
        kafka:
          bootstrapServers: "%s"
          schemaRegistryUrl: "%s/apis/ccompat/v7"
          groupId: secured-it-wrong
          properties:
        %s
          registry:
            basicAuth: { username: %s, password: { file: "%s" } }
            caFile: "%s"
        slack: { mode: webhook, defaultWebhook: { file: "%s" } }
        routing: { defaultChannel: "#secured" }
        ops: { httpPort: -1 }
        """.formatted(kafka.secureBootstrapServers(), proxy.basicAuthUrl(), wrongProperties, REGISTRY_USER,
        registryPasswordFile, tls.certificate(), write("webhook", RealParts.slack().webhookUrl("secured-it-wrong"))));
    Path ingest = write("ingest-wrong.yaml", ingestYaml(wrongJaasFile, registryPasswordFile));
    Path connection = write("connection-wrong.yaml", """
        kafka:
          bootstrapServers: "%s"
          properties:
        %s
        """.formatted(kafka.secureBootstrapServers(), wrongProperties));
    Instant now = Instant.now();
    Map<String, String[]> commands = new java.util.LinkedHashMap<>();
    commands.put("process", new String[] {"process", "--config", processor.toString(), "--rules", rules.toString()});
    commands.put("notify", new String[] {"notify", "--config", notifier.toString()});
    commands.put("ingest", new String[] {"ingest", "--config", ingest.toString()});
    commands.put("replay", new String[] {"replay", "--from", now.minus(Duration.ofHours(1)).toString(), "--to", now.toString(),
        "--kafka-config", connection.toString(), "--rules", rules.toString()});

    for (Map.Entry<String, String[]> c : commands.entrySet()) {
      long began = System.nanoTime();
      Run run = run(c.getValue());
      Duration took = Duration.ofNanos(System.nanoTime() - began);
      assertThat(run.exit()).as(c.getKey() + " exit code; " + run.err()).isNotZero();
      assertThat(run.err()).as(c.getKey()).contains("Kafka at " + kafka.secureBootstrapServers()
          + " rejected the credentials for user watchstream (SASL/SCRAM-SHA-512)").doesNotContain("not-the-password");
      assertThat(took).as(c.getKey() + " fails fast, no hang").isLessThan(Duration.ofSeconds(20));
    }
  }

  @Test
  void wrongRegistryCredentialsStopIngestAtOnceNamingTheUser() throws Exception {
    Path wrongPassword = write("registry-wrong", "not-the-registry-password");
    long began = System.nanoTime();
    assertThatThrownBy(() -> new IngestService(ingestConfig(jaasFile, wrongPassword), Clock.systemUTC()).start())
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("rejected the credentials (user svc (basic auth), HTTP 401)")
        .hasMessageNotContaining("not-the-registry-password");
    assertThat(Duration.ofNanos(System.nanoTime() - began)).as("fails fast, no hang").isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void certificatesNobodyTrustsAreRefusedAtOnceNotRetried() throws Exception {
    // the registry behind nginx without kafka.registry.caFile: the JVM's CAs do not know the test certificate
    String noRegistryTrust = ingestYaml(jaasFile, registryPasswordFile).replaceAll("(?m)^    caFile: .*\n", "");
    long began = System.nanoTime();
    assertThatThrownBy(() -> new IngestService(IngestConfigLoader.parse(noRegistryTrust, Map.of()), Clock.systemUTC()).start())
        .isInstanceOf(SchemaRegistryException.class)
        .hasMessageContaining("the TLS handshake failed")
        .hasMessageContaining("check kafka.registry.caFile");

    // the broker without ssl.truststore.*: the processor stops at its first call
    Path processor = write("processor-untrusted.yaml", """
        kafka:
          bootstrapServers: "%s"
          applicationId: secured-it-untrusted
          stateDir: "%s"
          properties:
            security.protocol: SASL_SSL
            sasl.mechanism: SCRAM-SHA-512
            sasl.jaas.config: { file: "%s" }
        ops: { httpPort: -1 }
        """.formatted(kafka.secureBootstrapServers(), dir.resolve("state-untrusted"), jaasFile));
    Run process = run("process", "--config", processor.toString(), "--rules", write("rules-untrusted.yaml", RULES).toString());
    assertThat(process.exit()).as(process.err()).isEqualTo(1);
    assertThat(process.err()).contains("Kafka at " + kafka.secureBootstrapServers()
        + ": the TLS handshake failed for user watchstream (SASL/SCRAM-SHA-512)").contains("check ssl.truststore.*");
    assertThat(Duration.ofNanos(System.nanoTime() - began)).as("fails fast, no hang").isLessThan(Duration.ofSeconds(30));
  }

  private static IngestConfig ingestConfig(Path jaas, Path registryPassword) {
    return IngestConfigLoader.parse(ingestYaml(jaas, registryPassword), Map.of());
  }

  private static String ingestYaml(Path jaas, Path registryPassword) {
    return """
        instanceId: secured-it
        aws: { region: us-east-1, endpoint: "%s" }
        kafka:
          bootstrapServers: "%s"
          schemaRegistryUrl: "%s/apis/ccompat/v7"
          partitions: 1
          properties:
        %s
          registry:
            basicAuth: { username: %s, password: { file: "%s" } }
            caFile: "%s"
        metrics:
          pollInterval: 1s
          initialLookback: 15m
          selectors:
            - { namespace: Secure/IT, metricName: Load, dimensions: { InstanceId: "i-secure*" }, statistics: [Average], period: 60 }
        http: { port: -1 }
        """.formatted(RealParts.moto().endpoint(), kafka.secureBootstrapServers(), proxy.basicAuthUrl(), kafkaProperties(jaas),
        REGISTRY_USER, registryPassword, tls.certificate());
  }

  /** The client properties of a SASL_SSL/SCRAM-SHA-512 connection, as YAML under {@code kafka.properties}. */
  private static String kafkaProperties(Path jaas) {
    return """
              security.protocol: SASL_SSL
              sasl.mechanism: SCRAM-SHA-512
              sasl.jaas.config: { file: "%s" }
              ssl.truststore.type: PEM
              ssl.truststore.location: "%s"
        """.formatted(jaas, tls.certificate()).stripTrailing();
  }

  private static String jaas(String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + USER + "\" password=\""
        + password + "\";";
  }

  private static void putLoad(String instance, Instant from, int minutes, double value) {
    var moto = RealParts.moto();
    try (CloudWatchClient cw = CloudWatchClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build()) {
      List<MetricDatum> data = new ArrayList<>();
      for (int m = 0; m < minutes; m++) {
        data.add(MetricDatum.builder().metricName("Load").timestamp(from.plus(Duration.ofMinutes(m))).value(value)
            .dimensions(Dimension.builder().name("InstanceId").value(instance).build()).build());
      }
      cw.putMetricData(r -> r.namespace("Secure/IT").metricData(data));
    }
  }

  private static Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  private record Run(int exit, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Watchstream.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }
}
