package io.watchstream.notifier.it;

import io.watchstream.avro.AlertKey;
import io.watchstream.avro.AlertTransition;
import io.watchstream.avro.Dimension;
import io.watchstream.avro.InputRef;
import io.watchstream.avro.Lineage;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.avro.ScalingCommandKey;
import io.watchstream.notifier.NotifierFactory;
import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.NotifierService;
import io.watchstream.notifier.config.NotifierConfig;
import io.watchstream.notifier.config.NotifierConfigLoader;
import io.watchstream.notifier.engine.Alert;
import io.watchstream.notifier.engine.AlertBuilder;
import io.watchstream.sandbox.EmbeddedKafka;
import io.watchstream.sandbox.RecordedRequest;
import io.watchstream.sandbox.SlackStandIn;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import io.watchstream.testkit.RealParts;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One notifier under test on the shared real parts (broker, Apicurio, Slack stand-in): its own topics
 * and Slack channel, so tests sharing the parts do not see each other.
 */
final class NotifierHarness implements AutoCloseable {

  static final String TOKEN = "xoxb-test-token-not-a-secret";

  final EmbeddedKafka kafka;
  final SlackStandIn slack = RealParts.slack();
  final String registryUrl = RealParts.registry().ccompatUrl();
  final String prefix;
  final String channel;
  final Topics topics;
  private final List<NotifierService> running = new ArrayList<>();
  private final KafkaProducer<byte[], byte[]> producer;

  NotifierHarness(String name) {
    this(name, RealParts.kafka());
  }

  /** On a broker of the test's own (one it may stop). */
  NotifierHarness(String name, EmbeddedKafka kafka) {
    this.kafka = kafka;
    prefix = name + "-" + UUID.randomUUID().toString().substring(0, 8);
    channel = "#" + prefix;
    TopicNames names = TopicNames.withPrefix(prefix + ".");
    topics = new Topics(names, new HttpSchemaRegistryClient(registryUrl));
    kafka.createTopic(names.alerts(), 2);
    kafka.createTopic(names.scalingCommands(), 1);
    kafka.createCompactedTopic(names.notifierState(), 1);
    kafka.createCompactedTopic(names.silences(), 1);
    kafka.createTopic(names.alerts() + ".dlq", 1);
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
  }

  String baseYaml() {
    TopicNames n = topics.names();
    return """
        kafka:
          bootstrapServers: %s
          schemaRegistryUrl: %s
          groupId: %s-notifier
          alertsTopic: %s
          scalingCommandsTopic: %s
          stateTopic: %s
          silencesTopic: %s
        slack:
          mode: bot
          token: {env: TEST_SLACK_TOKEN}
          apiUrl: %s
          postInterval: 50ms
          retry: {initialBackoff: 50ms, maxBackoff: 200ms, maxRetryAfter: 10s}
          consoleRegion: eu-west-1
        routing:
          defaultChannel: "%s"
        noise:
          groupWait: 300ms
          repeatInterval: 4h
        ops:
          httpHost: 127.0.0.1
          httpPort: 0
        """.formatted(kafka.bootstrapServers(), registryUrl, prefix, n.alerts(), n.scalingCommands(),
        n.notifierState(), n.silences(), slack.apiUrlPrefix(), channel);
  }

  NotifierService start(String yaml, Map<String, String> extraEnv, NotifierHooks hooks) throws InterruptedException {
    Map<String, String> env = new java.util.HashMap<>(extraEnv);
    env.put("TEST_SLACK_TOKEN", TOKEN);
    NotifierConfig cfg = NotifierConfigLoader.parse(yaml, env);
    NotifierService service = NotifierFactory.create(cfg, env, Clock.systemUTC(), hooks);
    Thread t = new Thread(service, "notifier-" + prefix);
    t.setDaemon(true);
    // a simulated crash ends the thread on purpose; keep Awaitility's default handler from failing the test on it
    t.setUncaughtExceptionHandler((thread, e) -> System.out.println("[notifier] " + thread.getName() + " stopped: " + e));
    t.start();
    if (!service.awaitStarted(Duration.ofSeconds(60))) {
      throw new IllegalStateException("notifier did not start");
    }
    running.add(service);
    return service;
  }

  NotifierService start() throws InterruptedException {
    return start(baseYaml(), Map.of(), NotifierHooks.NONE);
  }

  void send(Alert a) {
    AlertTransition t = toAvro(a);
    AlertKey key = new AlertKey(a.ruleId(), a.seriesKey());
    String topic = topics.names().alerts();
    sendRaw(topic, topics.alerts().keySerde().serializer().serialize(topic, key),
        topics.alerts().valueSerde().serializer().serialize(topic, t));
  }

  void send(ScalingCommand cmd) {
    String topic = topics.names().scalingCommands();
    sendRaw(topic, topics.scalingCommands().keySerde().serializer().serialize(topic,
            new ScalingCommandKey(cmd.getAutoScalingGroup())),
        topics.scalingCommands().valueSerde().serializer().serialize(topic, cmd));
  }

  void sendRaw(String topic, byte[] key, byte[] value) {
    try {
      producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Slack requests that belong to this test's channel (the stand-in is shared). */
  List<RecordedRequest> requests(String method) {
    return slack.requests(method).stream()
        .filter(r -> r.param("channel").map(channel::equals).orElse(false))
        .toList();
  }

  static AlertTransition toAvro(Alert a) {
    return AlertBuilder.toAvro(a);
  }

  @Override
  public void close() {
    running.forEach(NotifierService::close);
    producer.close(Duration.ofSeconds(5));
  }
}
