package io.watchstream.cli;

import io.watchstream.runtime.kafka.KafkaConnection;
import io.watchstream.processor.app.ProcessorApp;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.app.ProcessorConfigLoader;
import io.watchstream.processor.app.RulePublisher;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileException;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.runtime.config.ConfigException;
import io.watchstream.runtime.kafka.TopicSetup;
import io.watchstream.schemas.TopicCatalogue;
import io.watchstream.schemas.Topics;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code watchstream process}: loads the configuration and the rule file (exit 2 if either is invalid), publishes
 * new or changed rules to the rules topic, and runs the rule engine until stopped. Options override
 * {@code WATCHSTREAM_*} environment variables, which override the {@code --config} file, which overrides defaults.
 */
@Command(name = "process", mixinStandardHelpOptions = true,
    description = "Run the rule engine (Kafka Streams): metrics, logs, rules -> alerts, scaling-commands.")
public final class ProcessCommand implements Callable<Integer> {

  /** Partitions of the data topics the processor creates when they are missing. */
  private static final int DATA_PARTITIONS = 6;

  @Spec CommandSpec spec;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Processor configuration (YAML, see examples/processor.yaml); without it, defaults and WATCHSTREAM_* variables.")
  Path configFile;

  @Option(names = "--rules", paramLabel = "FILE", description = "Rule file to publish at start (default: rulesFile of the configuration, $WATCHSTREAM_RULES_FILE or rules.yaml).")
  Path rules;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", description = "Confluent-compatible schema registry URL.")
  String registryUrl;

  @Option(names = "--state-dir", description = "Kafka Streams state directory.")
  Path stateDir;

  @Option(names = "--application-id", description = "Kafka Streams application id (consumer group, internal topic prefix).")
  String applicationId;

  @Option(names = "--http-port", description = "Port of the ops endpoint: state, rules, health, metrics (-1 disables it).")
  Integer httpPort;

  @Option(names = "--no-publish", description = "Do not publish the rule file; run with the rules already on the topic.")
  boolean noPublish;

  @Option(names = "--create-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Create missing topics at start (default: ${DEFAULT-VALUE}).")
  boolean createTopics;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    ProcessorConfig config;
    try {
      Map<String, String> env = withOptions(System.getenv());
      config = configFile == null ? ProcessorConfigLoader.fromEnv(env) : ProcessorConfigLoader.load(configFile, env);
    } catch (ConfigException e) {
      err.println(e.getMessage());
      err.flush();
      return ConfigException.EXIT_CODE;
    }
    List<LoadedRule> loaded = List.of();
    if (!noPublish) {
      try {
        loaded = new RuleFileLoader().load(config.rulesFile());
      } catch (RuleFileException e) {
        e.allProblems().forEach(err::println);
        err.flush();
        return RuleFileException.EXIT_CODE;
      }
    }
    KafkaConnection connection;
    try {
      connection = config.kafka().connection(withOptions(System.getenv()));
    } catch (ConfigException e) {
      err.println(e.getMessage());
      err.flush();
      return ConfigException.EXIT_CODE;
    }
    Topics topics = new Topics(config.topicNames(), connection.registryClient());
    if (createTopics) {
      TopicSetup.ensure(connection.clientConfig(), topics.names(), TopicCatalogue.PROCESSOR, TopicSetup.Settings.of(DATA_PARTITIONS));
    }
    if (!noPublish) {
      int changed = new RulePublisher(connection.clientConfig(), topics.rules()).publish(loaded).size();
      spec.commandLine().getOut().printf("Published %d new or changed rule(s) of %d from %s%n", changed, loaded.size(), config.rulesFile());
      spec.commandLine().getOut().flush();
    }
    return run(config, connection, topics);
  }

  /** The environment with the options given on the command line written over it, under the same variables. */
  private Map<String, String> withOptions(Map<String, String> environment) {
    Map<String, String> env = new HashMap<>(environment);
    put(env, "WATCHSTREAM_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
    put(env, "WATCHSTREAM_SCHEMA_REGISTRY_URL", registryUrl);
    put(env, "WATCHSTREAM_STATE_DIR", stateDir);
    put(env, "WATCHSTREAM_APPLICATION_ID", applicationId);
    put(env, "WATCHSTREAM_PROCESSOR_HTTP_PORT", httpPort);
    put(env, "WATCHSTREAM_RULES_FILE", rules);
    return env;
  }

  private static void put(Map<String, String> env, String variable, Object option) {
    if (option != null) {
      env.put(variable, option.toString());
    }
  }

  /** Runs until stopped (exit 0) or until Kafka Streams fails for good (exit 1). */
  private static int run(ProcessorConfig config, KafkaConnection connection, Topics topics) throws Exception {
    CountDownLatch stopped = new CountDownLatch(1);
    try (ProcessorApp app = new ProcessorApp(config, connection, topics)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "watchstream-process-shutdown"));
      app.streams().setStateListener((now, before) -> {
        if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
          stopped.countDown();
        }
      });
      app.start();
      stopped.await();
      return app.streams().state() == KafkaStreams.State.ERROR ? 1 : 0;
    }
  }
}
