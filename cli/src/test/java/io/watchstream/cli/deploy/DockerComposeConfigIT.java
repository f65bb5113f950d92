package io.watchstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.ingest.config.IngestConfigLoader;
import io.watchstream.notifier.config.NotifierConfig;
import io.watchstream.notifier.config.NotifierConfigLoader;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.app.ProcessorConfigLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code docker-compose.yml} parses with Debian's {@code docker-compose} (1.29; no Docker engine is needed for
 * {@code config}) and says what the README promises: Kafka in KRaft mode, Confluent's schema registry, the three
 * services from one image with health checks and restart policies, configuration by environment and a mounted rule
 * file, secrets and AWS credentials only passed through. Each service's configuration loader accepts exactly the
 * environment the file gives it.
 */
class DockerComposeConfigIT {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final Path ROOT = IamPoliciesTest.root();
  private static final List<String> WATCHSTREAM_SERVICES = List.of("ingest", "processor", "notifier");

  @BeforeAll
  static void dockerComposeIsInstalled() throws Exception {
    if (run(List.of("sh", "-c", "command -v docker-compose"), Map.of()).exit() == 0) {
      return;
    }
    boolean root = "0".equals(run(List.of("id", "-u"), Map.of()).output().trim());
    if (!root) {
      fail("docker-compose is not installed and this test is not root; install it with: sudo apt-get install docker-compose");
    }
    Result install = run(List.of("sh", "-c", "apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q docker-compose"), Map.of());
    assertThat(install.exit()).as("apt-get install docker-compose:\n" + install.output()).isZero();
  }

  @Test
  void composeFileDeclaresKafkaRegistryAndTheThreeServices() throws Exception {
    JsonNode services = config(Map.of()).get("services");
    Set<String> names = new TreeSet<>();
    services.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactlyInAnyOrder("kafka", "schema-registry", "ingest", "processor", "processor-2", "notifier");
    // the second processor instance: the same application, its own state volume, started only with --profile ha
    JsonNode second = services.get("processor-2");
    assertThat(second.at("/profiles/0").asText()).isEqualTo("ha");
    assertThat(second.at("/environment/WATCHSTREAM_APPLICATION_ID").asText())
        .isEqualTo(services.at("/processor/environment/WATCHSTREAM_APPLICATION_ID").asText());
    assertThat(second.at("/environment/WATCHSTREAM_PROCESSOR_ADVERTISED_HOST").asText()).isEqualTo("processor-2");
    assertThat(services.at("/processor/environment/WATCHSTREAM_PROCESSOR_ADVERTISED_HOST").asText()).isEqualTo("processor");
    assertThat(mounts(second)).anyMatch(m -> m.startsWith("processor-2-state:/var/lib/watchstream/state"));

    JsonNode kafka = services.get("kafka");
    assertThat(kafka.get("image").asText()).startsWith("apache/kafka:");
    assertThat(kafka.at("/environment/KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
    assertThat(kafka.at("/environment/KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR").asText()).isEqualTo("1");
    assertThat(services.at("/schema-registry/image").asText()).startsWith("confluentinc/cp-schema-registry:");
    assertThat(services.at("/schema-registry/environment/SCHEMA_REGISTRY_KAFKASTORE_BOOTSTRAP_SERVERS").asText())
        .contains("kafka:9092");

    services.fields().forEachRemaining(e -> {
      assertThat(e.getValue().at("/healthcheck/test").isArray()).as(e.getKey() + " has a health check").isTrue();
      assertThat(e.getValue().get("restart").asText()).as(e.getKey() + " restart policy").isEqualTo("unless-stopped");
    });
    for (String name : WATCHSTREAM_SERVICES) {
      JsonNode s = services.get(name);
      assertThat(s.get("image").asText()).isEqualTo("watchstream:0.1.0");
      assertThat(s.at("/build/dockerfile").asText()).isEqualTo("deploy/Dockerfile");
      assertThat(s.at("/environment/WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS").asText()).isEqualTo("kafka:9092");
      assertThat(s.at("/environment/WATCHSTREAM_SCHEMA_REGISTRY_URL").asText()).isEqualTo("http://schema-registry:8081");
      assertThat(s.at("/depends_on/kafka/condition").asText()).isEqualTo("service_healthy");
      assertThat(s.at("/depends_on/schema-registry/condition").asText()).isEqualTo("service_healthy");
      assertThat(mounts(s)).as(name + " mounts the rule file read-only")
          .contains(ROOT.resolve("examples/rules.yaml") + ":/etc/watchstream/rules.yaml:ro");
    }
    assertThat(services.at("/ingest/command/0").asText()).isEqualTo("ingest");
    assertThat(services.at("/processor/command").toString()).isEqualTo("[\"process\",\"--rules\",\"/etc/watchstream/rules.yaml\"]");
    assertThat(services.at("/notifier/command/0").asText()).isEqualTo("notify");
    assertThat(mounts(services.get("processor"))).anyMatch(m -> m.startsWith("processor-state:/var/lib/watchstream/state"));
    assertThat(Files.exists(ROOT.resolve("deploy/Dockerfile"))).isTrue();
  }

  @Test
  void secretsAndAwsCredentialsAreOnlyPassedThroughFromTheEnvironment() throws Exception {
    JsonNode unset = config(Map.of()).get("services");
    for (String name : List.of("ingest", "notifier")) {
      for (String key : List.of("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN")) {
        assertThat(unset.at("/" + name + "/environment").has(key)).isTrue();
        assertThat(unset.at("/" + name + "/environment/" + key).isNull()).as(name + " " + key + " unset").isTrue();
      }
    }
    assertThat(unset.at("/notifier/environment/SLACK_WEBHOOK_URL").isNull()).isTrue();
    assertThat(Files.readString(ROOT.resolve("docker-compose.yml"))).doesNotContain("hooks.slack.com").doesNotContain("xoxb-");

    JsonNode set = config(Map.of("SLACK_WEBHOOK_URL", "https://hooks.example.invalid/T0/B0/x", "AWS_REGION", "eu-west-1",
        "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE")).get("services");
    assertThat(set.at("/notifier/environment/SLACK_WEBHOOK_URL").asText()).isEqualTo("https://hooks.example.invalid/T0/B0/x");
    assertThat(set.at("/ingest/environment/AWS_ACCESS_KEY_ID").asText()).isEqualTo("AKIAEXAMPLE");
    assertThat(set.at("/processor/environment/AWS_REGION").asText()).isEqualTo("eu-west-1");
  }

  @Test
  void eachServiceLoadsItsConfigurationFromExactlyTheComposeEnvironment() throws Exception {
    JsonNode services = config(Map.of()).get("services");

    IngestConfig ingest = IngestConfigLoader.load(ROOT.resolve("examples/ingest.yaml"), env(services.get("ingest")));
    assertThat(ingest.kafka().bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(ingest.kafka().schemaRegistryUrl()).isEqualTo("http://schema-registry:8081");
    assertThat(ingest.http().port()).isEqualTo(9464);
    assertThat(ingest.aws().endpoint()).as("real AWS, no endpoint override").isNull();

    ProcessorConfig processor = ProcessorConfigLoader.fromEnv(env(services.get("processor")));
    assertThat(processor.kafka().bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(processor.kafka().schemaRegistryUrl()).isEqualTo("http://schema-registry:8081");
    assertThat(processor.rulesFile()).isEqualTo(Path.of("/etc/watchstream/rules.yaml"));
    assertThat(processor.kafka().stateDir()).isEqualTo(Path.of("/var/lib/watchstream/state"));
    assertThat(processor.ops().httpPort()).isEqualTo(8082);

    // the compose file leaves the Slack secrets to the operator's environment: the settings are what it maps
    NotifierConfig notifier = NotifierConfigLoader.loadSettings(ROOT.resolve("examples/notifier.yaml"), env(services.get("notifier")));
    assertThat(notifier.kafka().bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(notifier.kafka().schemaRegistryUrl()).isEqualTo("http://schema-registry:8081");
    assertThat(notifier.slack().mode()).isEqualTo(NotifierConfig.SlackMode.WEBHOOK);
    assertThat(notifier.scaling().dryRun()).as("scaling is dry-run until the operator opts in").isTrue();
    assertThat(notifier.scaling().groups()).containsKey("web-asg");
  }

  /**
   * Starts each service's entry point from this build (the image's {@code java -jar watchstream.jar <command>}) with
   * exactly the compose environment and command, with three translations only: the compose host names point at the
   * local broker and registry, the container paths at the checkout's examples, and the health ports at free ports
   * (the container ports may be taken here). AWS is moto (the one added variable, {@code WATCHSTREAM_AWS_ENDPOINT}).
   */
  @Test
  void eachServiceStartsAndBecomesHealthyWithTheComposeEnvironment() throws Exception {
    JsonNode services = config(Map.of()).get("services");
    var kafka = io.watchstream.testkit.RealParts.kafka();
    var registry = io.watchstream.testkit.RealParts.registry();
    var moto = io.watchstream.testkit.RealParts.moto();
    var slack = io.watchstream.testkit.RealParts.slack();
    // The account ingest reads has the log group it is configured for (moto starts empty).
    try (var logs = software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.builder()
        .endpointOverride(moto.endpoint()).region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("t", "t"))).build()) {
      logs.createLogGroup(b -> b.logGroupName("/var/log/secure"));
    } catch (software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException e) {
      // Created by an earlier test on the shared moto.
    }
    List<Process> started = new java.util.ArrayList<>();
    try {
      int ingestPort = io.watchstream.sandbox.FreePorts.pick();
      Map<String, String> ingestEnv = local(env(services.get("ingest")), kafka.bootstrapServers(), registry.ccompatUrl());
      ingestEnv.put("WATCHSTREAM_INGEST_HTTP_PORT", String.valueOf(ingestPort));
      ingestEnv.put("WATCHSTREAM_AWS_ENDPOINT", moto.endpoint().toString());
      Process ingest = start(services.get("ingest"), ingestEnv, "ingest");
      started.add(ingest);

      int processorPort = io.watchstream.sandbox.FreePorts.pick();
      Map<String, String> processorEnv = local(env(services.get("processor")), kafka.bootstrapServers(), registry.ccompatUrl());
      processorEnv.put("WATCHSTREAM_PROCESSOR_HTTP_PORT", String.valueOf(processorPort));
      processorEnv.put("WATCHSTREAM_STATE_DIR", Files.createTempDirectory("compose-processor").toString());
      processorEnv.put("WATCHSTREAM_APPLICATION_ID", "compose-it-processor-" + System.nanoTime());
      Process processor = start(services.get("processor"), processorEnv, "processor");
      started.add(processor);

      java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).pollInterval(java.time.Duration.ofSeconds(1))
          .until(() -> get(http, "http://127.0.0.1:" + ingestPort + "/health").contains("\"status\":\"UP\""));
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).pollInterval(java.time.Duration.ofSeconds(1))
          .until(() -> get(http, "http://127.0.0.1:" + processorPort + "/health").contains("RUNNING"));
      // The notifier starts once the processor has created the topics it reads (compose's restart policy covers a
      // notifier that starts first; see the report).
      Map<String, String> notifierEnv = local(env(services.get("notifier")), kafka.bootstrapServers(), registry.ccompatUrl());
      notifierEnv.put("SLACK_WEBHOOK_URL", slack.webhookUrl("compose-it"));
      notifierEnv.put("WATCHSTREAM_AWS_ENDPOINT", moto.endpoint().toString());
      int notifierPort = io.watchstream.sandbox.FreePorts.pick();
      notifierEnv.put("WATCHSTREAM_NOTIFIER_HTTP_PORT", String.valueOf(notifierPort));
      Process notifier = start(services.get("notifier"), notifierEnv, "notifier");
      started.add(notifier);

      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofMinutes(2)).pollInterval(java.time.Duration.ofSeconds(1))
          .until(() -> get(http, "http://127.0.0.1:" + notifierPort + "/health").contains("\"status\":\"UP\""));
      for (Process p : started) {
        assertThat(p.isAlive()).as("service still running").isTrue();
      }
    } finally {
      for (Process p : started) {
        p.toHandle().destroy();
      }
      for (Process p : started) {
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      }
    }
  }

  private static Map<String, String> local(Map<String, String> composeEnv, String bootstrap, String registryUrl) {
    Map<String, String> env = new HashMap<>();
    composeEnv.forEach((k, v) -> env.put(k, v.replace("kafka:9092", bootstrap)
        .replace("http://schema-registry:8081", registryUrl)
        .replace("/etc/watchstream/", ROOT.resolve("examples") + "/")));
    return env;
  }

  private static Process start(JsonNode service, Map<String, String> env, String name) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.watchstream.cli.Watchstream"));
    service.get("command").forEach(c -> command.add(c.asText().replace("/etc/watchstream/", ROOT.resolve("examples") + "/")));
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(Files.createTempFile("compose-" + name, ".log").toFile()));
    // Exactly the compose environment: nothing inherited from the developer's shell.
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  private static String get(java.net.http.HttpClient http, String url) {
    try {
      return http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(java.time.Duration.ofSeconds(3)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString()).body();
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }

  private static List<String> mounts(JsonNode service) {
    List<String> mounts = new java.util.ArrayList<>();
    service.path("volumes").forEach(v -> mounts.add(v.asText()));
    return mounts;
  }

  /** The environment compose hands the container (null = passed through and unset here). */
  private static Map<String, String> env(JsonNode service) {
    Map<String, String> env = new HashMap<>();
    service.get("environment").fields().forEachRemaining(e -> {
      if (!e.getValue().isNull()) {
        env.put(e.getKey(), e.getValue().asText());
      }
    });
    return env;
  }

  private static JsonNode config(Map<String, String> extraEnv) throws Exception {
    Result r = run(List.of("docker-compose", "-f", ROOT.resolve("docker-compose.yml").toString(), "config"), extraEnv);
    assertThat(r.exit()).as("docker-compose config:\n" + r.output()).isZero();
    return YAML.readTree(r.output());
  }

  private record Result(int exit, String output) {}

  private static Result run(List<String> command, Map<String, String> extraEnv) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
    // A clean slate for what the compose file passes through, whatever the developer's shell has set.
    for (String key : List.of("AWS_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
        "SLACK_WEBHOOK_URL", "SLACK_BOT_TOKEN", "WATCHSTREAM_SLACK_MODE", "WATCHSTREAM_SNS_TOPIC_ARN", "WATCHSTREAM_SCALING_DRY_RUN")) {
      pb.environment().remove(key);
    }
    pb.environment().putAll(extraEnv);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    if (!p.waitFor(600, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " timed out");
    }
    return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8)
        + (p.exitValue() == 0 ? "" : new String(err, StandardCharsets.UTF_8)));
  }
}
