package io.watchstream.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real single-node Kafka server (combined KRaft broker + controller) running inside the test JVM.
 *
 * <p>Listens on {@code 127.0.0.1} only, on two ports picked before start-up (the controller quorum must be
 * known when the storage is formatted; {@link Options} can fix the client port). Configured for one node: every internal topic has replication
 * factor 1 and the transaction state log a minimum ISR of 1, so idempotent and transactional producers and
 * Kafka Streams {@code exactly_once_v2} work. The data lives in a temp dir that {@link #close()} deletes;
 * {@link #restart()} stops the server and starts it again on the same ports and data, keeping topics and
 * records (for fault tests). Consumer group rebalances start without the default 3 s delay.
 *
 * <p>Not thread-safe for start/stop; {@link #createTopic} may be called from any thread.
 */
public final class EmbeddedKafka implements AutoCloseable {

  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";

  /**
   * How to start the broker; {@link #defaults()} is what tests want.
   *
   * @param port         the client port, 0 for a free one
   * @param dataDir      where logs and metadata live; empty for a temp dir that {@link #close()} deletes. A given
   *                     dir is kept on close and reused (not re-formatted) on the next start, e.g. for a local mode
   * @param brokerConfig extra broker properties, applied over the test defaults
   * @param secure       a second, SASL_SSL listener (SCRAM-SHA-512 users, TLS with the given certificate), or empty
   */
  public record Options(int port, Optional<Path> dataDir, Map<String, String> brokerConfig, Optional<SecureListener> secure) {

    public Options {
      brokerConfig = Map.copyOf(brokerConfig);
    }

    public Options(int port, Optional<Path> dataDir, Map<String, String> brokerConfig) {
      this(port, dataDir, brokerConfig, Optional.empty());
    }

    public static Options defaults() {
      return new Options(0, Optional.empty(), Map.of());
    }

    public Options withPort(int newPort) {
      return new Options(newPort, dataDir, brokerConfig, secure);
    }

    public Options withDataDir(Path dir) {
      return new Options(port, Optional.of(dir), brokerConfig, secure);
    }

    public Options withBrokerConfig(String key, String value) {
      Map<String, String> merged = new HashMap<>(brokerConfig);
      merged.put(key, value);
      return new Options(port, dataDir, merged, secure);
    }

    /** Adds a SASL_SSL listener ({@link #secureBootstrapServers()}); the PLAINTEXT one stays for the sandbox's own use. */
    public Options withSaslSsl(SecureListener listener) {
      return new Options(port, dataDir, brokerConfig, Optional.of(listener));
    }
  }

  /**
   * A SASL_SSL listener as managed clusters have (MSK's SASL/SCRAM port, Confluent Cloud's SASL_SSL): TLS with
   * {@code tls}'s certificate, SCRAM-SHA-512 logins for {@code users} (name to password), created through the admin
   * API once the broker is up. No authorizer: an authenticated user may do anything.
   */
  public record SecureListener(TlsMaterial tls, Map<String, String> users) {
    public SecureListener {
      users = Map.copyOf(users);
    }
  }

  private final Path dataDir;
  private final boolean temporary;
  private final int brokerPort;
  private final int controllerPort;
  private final Map<String, String> brokerConfig;
  private final Optional<SecureListener> secure;
  private final int securePort;
  private final String clusterId = Uuid.randomUuid().toString();
  private KafkaRaftServer server;
  private Admin admin;
  private boolean closed;

  private EmbeddedKafka(Path dataDir, boolean temporary, int brokerPort, int controllerPort, Map<String, String> brokerConfig,
      Optional<SecureListener> secure) {
    this.secure = secure;
    this.securePort = secure.isPresent() ? FreePorts.pick() : -1;
    this.dataDir = dataDir;
    this.temporary = temporary;
    this.brokerPort = brokerPort;
    this.controllerPort = controllerPort;
    this.brokerConfig = brokerConfig;
  }

  /** Formats fresh storage in a temp dir and starts the broker on free ports; prints one line when it is ready. */
  public static EmbeddedKafka start() {
    return start(Options.defaults());
  }

  /**
   * Starts a broker as {@code options} say; prints one line when it is ready. Ports are picked before the
   * broker binds them, so another process can take one in between: such a start is retried on new ports.
   */
  public static EmbeddedKafka start(Options options) {
    QuietLogging.quietKafka();
    for (int attempt = 1; ; attempt++) {
      try {
        return startOnce(options);
      } catch (RuntimeException e) {
        if (attempt >= 3) {
          throw e;
        }
        System.out.println("[sandbox] Kafka broker start failed (" + e.getMessage() + "); retrying on new ports");
      }
    }
  }

  private static EmbeddedKafka startOnce(Options options) {
    Path dir = options.dataDir().orElseGet(() -> TempDirs.create("kafka"));
    EmbeddedKafka kafka = new EmbeddedKafka(dir, options.dataDir().isEmpty(),
        options.port() == 0 ? FreePorts.pick() : options.port(), FreePorts.pick(), options.brokerConfig(),
        options.secure());
    ProcessReaper.closeAtExit(kafka);
    long began = System.nanoTime();
    try {
      if (!Files.exists(kafka.logDir().resolve("meta.properties"))) {
        kafka.format();
      }
      kafka.startServer();
    } catch (RuntimeException e) {
      kafka.close();
      throw e;
    }
    System.out.printf(Locale.ROOT, "[sandbox] Kafka broker up at %s in %.1f s (data in %s)%n",
        kafka.bootstrapServers(), (System.nanoTime() - began) / 1e9, kafka.dataDir);
    return kafka;
  }

  /** {@code 127.0.0.1:PORT}, for {@code bootstrap.servers}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + brokerPort;
  }

  /** {@code 127.0.0.1:PORT} of the SASL_SSL listener; only with {@link Options#withSaslSsl}. */
  public String secureBootstrapServers() {
    if (secure.isEmpty()) {
      throw new IllegalStateException("this broker was started without a SASL_SSL listener (Options.withSaslSsl)");
    }
    return "127.0.0.1:" + securePort;
  }

  /**
   * Client properties for the SASL_SSL listener as {@code user}: {@code security.protocol}, SCRAM-SHA-512 JAAS
   * config and the test certificate as the trusted CA (PEM file).
   */
  public Map<String, String> saslSslClientProperties(String user, String password) {
    SecureListener s = secure.orElseThrow(() -> new IllegalStateException("no SASL_SSL listener"));
    return Map.of("security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
        "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user + "\" password=\"" + password + "\";",
        "ssl.truststore.type", "PEM", "ssl.truststore.location", s.tls().certificate().toString());
  }

  /** The directory holding the broker's logs and metadata; deleted by {@link #close()} when it is a temp dir. */
  public Path dataDir() {
    return dataDir;
  }

  /**
   * Creates a topic (replication factor 1) and waits until every partition has a leader.
   * Creating a topic that already exists is not an error, so test classes sharing a broker can all call it.
   */
  public void createTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of());
  }

  /** Creates a topic with {@code cleanup.policy=compact}, e.g. for rules or other table-like data. */
  public void createCompactedTopic(String name, int partitions) {
    createTopic(name, partitions, Map.of("cleanup.policy", "compact"));
  }

  /** Creates a topic with the given topic-level configs and waits until every partition has a leader. */
  public synchronized void createTopic(String name, int partitions, Map<String, String> configs) {
    Admin client = admin();
    try {
      try {
        client.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.of((short) 1))
            .configs(configs))).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
      awaitLeaders(client, name);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while creating topic " + name, e);
    } catch (Exception e) {
      throw new IllegalStateException("Could not create topic " + name + " on " + bootstrapServers(), e);
    }
  }

  /** Client properties with {@code bootstrap.servers} set, as a starting point for producers and consumers. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> props = new HashMap<>();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return props;
  }

  /**
   * Stops the server and starts it again on the same ports and data dir; topics and records survive.
   * Clients see the broker disappear and come back (connection errors, then recovery).
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("The broker was closed; its data is gone");
    }
    long began = System.nanoTime();
    stopServer();
    startServer();
    System.out.printf(Locale.ROOT, "[sandbox] Kafka broker restarted at %s in %.1f s%n",
        bootstrapServers(), (System.nanoTime() - began) / 1e9);
  }

  /**
   * Stops the server but keeps its data and ports, for outage tests that need the broker gone for a while;
   * {@link #startAgain()} brings it back. {@link #restart()} does both at once.
   */
  public synchronized void stop() {
    if (server != null) {
      stopServer();
      System.out.println("[sandbox] Kafka broker stopped at " + bootstrapServers());
    }
  }

  /** Starts the server again after {@link #stop()}, on the same ports and data; a no-op when it is running. */
  public synchronized void startAgain() {
    if (closed) {
      throw new IllegalStateException("The broker was closed; its data is gone");
    }
    if (server == null) {
      long began = System.nanoTime();
      startServer();
      System.out.printf(Locale.ROOT, "[sandbox] Kafka broker up again at %s in %.1f s%n",
          bootstrapServers(), (System.nanoTime() - began) / 1e9);
    }
  }

  /** True between start and {@link #stop()}/{@link #close()}. */
  public synchronized boolean isRunning() {
    return server != null;
  }

  /** Stops the broker and deletes its data (unless a data dir was given in {@link Options}). Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopServer();
    if (temporary) {
      TempDirs.deleteRecursively(dataDir);
    }
    ProcessReaper.forget(this);
  }

  private void format() {
    KafkaConfig config = config();
    Formatter formatter = new Formatter()
        .setPrintStream(new java.io.PrintStream(java.io.OutputStream.nullOutputStream()))
        .setNodeId(NODE_ID)
        .setClusterId(clusterId)
        .setControllerListenerName(CONTROLLER_LISTENER)
        .setMetadataLogDirectory(config.metadataLogDir())
        .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION);
    formatter.addDirectory(logDir().toString());
    try {
      formatter.run();
    } catch (Exception e) {
      throw new IllegalStateException("Could not format Kafka storage in " + dataDir, e);
    }
  }

  private void startServer() {
    KafkaRaftServer started = new KafkaRaftServer(config(), Time.SYSTEM);
    try {
      started.startup();
    } catch (RuntimeException e) {
      started.shutdown();
      started.awaitShutdown();
      throw new IllegalStateException("Kafka broker did not start on " + bootstrapServers(), e);
    }
    server = started;
    awaitBrokerReady();
    createScramUsers();
  }

  private void createScramUsers() {
    if (secure.isEmpty()) {
      return;
    }
    List<org.apache.kafka.clients.admin.UserScramCredentialAlteration> users = new java.util.ArrayList<>();
    secure.get().users().forEach((user, password) -> users.add(new org.apache.kafka.clients.admin.UserScramCredentialUpsertion(
        user, new org.apache.kafka.clients.admin.ScramCredentialInfo(org.apache.kafka.clients.admin.ScramMechanism.SCRAM_SHA_512, 4096),
        password)));
    try {
      admin().alterUserScramCredentials(users).all().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("could not create the SCRAM users on " + bootstrapServers(), e);
    }
  }

  private void stopServer() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
      admin = null;
    }
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  private KafkaConfig config() {
    Properties props = new Properties();
    props.put("process.roles", "broker,controller");
    props.put("node.id", String.valueOf(NODE_ID));
    props.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    String secureListener = secure.isPresent() ? ",SASL_SSL://127.0.0.1:" + securePort : "";
    props.put("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + secureListener + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
    props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + secureListener);
    props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL," + CONTROLLER_LISTENER + ":PLAINTEXT");
    secure.ifPresent(s -> {
      props.put("sasl.enabled.mechanisms", "SCRAM-SHA-512");
      props.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      props.put("listener.name.sasl_ssl.ssl.keystore.type", "PEM");
      props.put("listener.name.sasl_ssl.ssl.keystore.certificate.chain", s.tls().certificatePem());
      props.put("listener.name.sasl_ssl.ssl.keystore.key", s.tls().privateKeyPem());
    });
    props.put("controller.listener.names", CONTROLLER_LISTENER);
    props.put("inter.broker.listener.name", "PLAINTEXT");
    props.put("log.dirs", logDir().toString());
    // One node: every internal topic must have replication factor 1 or it can never be created.
    props.put("offsets.topic.replication.factor", "1");
    props.put("transaction.state.log.replication.factor", "1");
    props.put("transaction.state.log.min.isr", "1");
    props.put("share.coordinator.state.topic.replication.factor", "1");
    props.put("share.coordinator.state.topic.min.isr", "1");
    // Fewer internal partitions: creating 50 + 50 of them costs seconds on a 2-core machine.
    props.put("offsets.topic.num.partitions", "5");
    props.put("transaction.state.log.num.partitions", "5");
    props.put("num.partitions", "1");
    // Tests should not wait the default 3 s before the first consumer group rebalance.
    props.put("group.initial.rebalance.delay.ms", "0");
    // The default 128 MiB dedupe buffer inflates the test JVM's heap (seen 46 -> 170 MiB after GC).
    props.put("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024));
    props.put("log.cleaner.threads", "1");
    props.put("num.network.threads", "2");
    props.put("num.io.threads", "2");
    props.put("auto.create.topics.enable", "true");
    props.putAll(brokerConfig);
    return KafkaConfig.fromProps(props, false);
  }

  private Path logDir() {
    return dataDir.resolve("logs");
  }

  private Admin admin() {
    if (admin == null) {
      Map<String, Object> props = clientProperties();
      props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
      props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
      admin = Admin.create(props);
    }
    return admin;
  }

  private void awaitBrokerReady() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    Exception last = null;
    while (System.nanoTime() < deadline) {
      try {
        if (!admin().describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
          return;
        }
      } catch (Exception e) {
        last = e;
      }
      sleep(50);
    }
    throw new IllegalStateException("Kafka broker at " + bootstrapServers() + " did not become ready", last);
  }

  private static void awaitLeaders(Admin client, String topic) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      try {
        TopicDescription description = client.describeTopics(List.of(topic)).allTopicNames()
            .get(10, TimeUnit.SECONDS).get(topic);
        if (description.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
      } catch (ExecutionException e) {
        // Right after CreateTopics the broker's metadata cache may not know the topic yet.
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
      sleep(20);
    }
    throw new IllegalStateException("Topic " + topic + " has partitions without a leader after 30 s");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted", e);
    }
  }
}
