package io.watchstream.cli;

import io.watchstream.processor.app.ProcessorApp;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.app.RulePublisher;
import io.watchstream.processor.app.TopicSetup;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.processor.rules.RuleFileException;
import io.watchstream.processor.rules.RuleFileLoader;
import io.watchstream.schemas.HttpSchemaRegistryClient;
import io.watchstream.schemas.TopicNames;
import io.watchstream.schemas.Topics;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code watchstream process}: loads the rule file (exit 2 if it is invalid), publishes new or changed
 * rules to the rules topic, and runs the rule engine until stopped. Options override
 * {@code WATCHSTREAM_*} environment variables, which override defaults.
 */
@Command(name = "process", mixinStandardHelpOptions = true,
    description = "Run the rule engine (Kafka Streams): metrics, logs, rules -> alerts, scaling-commands.")
public final class ProcessCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--rules", paramLabel = "FILE", description = "Rule file to publish at start (default: $WATCHSTREAM_RULES_FILE or rules.yaml).")
  Path rules;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers.")
  String bootstrapServers;

  @Option(names = "--schema-registry-url", description = "Confluent-compatible schema registry URL.")
  String registryUrl;

  @Option(names = "--state-dir", description = "Kafka Streams state directory.")
  Path stateDir;

  @Option(names = "--application-id", description = "Kafka Streams application id (consumer group, internal topic prefix).")
  String applicationId;

  @Option(names = "--http-port", description = "Port of the state query endpoint (-1 disables it).")
  Integer httpPort;

  @Option(names = "--no-publish", description = "Do not publish the rule file; run with the rules already on the topic.")
  boolean noPublish;

  @Option(names = "--create-topics", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Create missing topics at start (default: ${DEFAULT-VALUE}).")
  boolean createTopics;

  @Override
  public Integer call() throws Exception {
    ProcessorConfig config = ProcessorConfig.defaults().withEnv(System.getenv());
    if (bootstrapServers != null || registryUrl != null) {
      config = config.withBootstrap(bootstrapServers != null ? bootstrapServers : config.bootstrapServers(),
          registryUrl != null ? registryUrl : config.schemaRegistryUrl());
    }
    if (stateDir != null) {
      config = config.withStateDir(stateDir);
    }
    if (applicationId != null) {
      config = config.withApplicationId(applicationId);
    }
    if (httpPort != null) {
      config = config.withHttpPort(httpPort);
    }
    if (rules != null) {
      config = config.withRulesFile(rules);
    }
    List<LoadedRule> loaded = List.of();
    if (!noPublish) {
      try {
        loaded = new RuleFileLoader().load(config.rulesFile());
      } catch (RuleFileException e) {
        (e.allProblems().isEmpty() ? List.of(e.getMessage()) : e.allProblems()).forEach(spec.commandLine().getErr()::println);
        spec.commandLine().getErr().flush();
        return RuleFileException.EXIT_CODE;
      }
    }
    Topics topics = new Topics(TopicNames.defaults().withOverrides(config.topicOverrides()),
        new HttpSchemaRegistryClient(config.schemaRegistryUrl()));
    if (createTopics) {
      TopicSetup.ensure(config.bootstrapServers(), topics.names(), 6);
    }
    if (!noPublish) {
      int changed = new RulePublisher(config.bootstrapServers(), topics.rules()).publish(loaded).size();
      spec.commandLine().getOut().printf("Published %d new or changed rule(s) of %d from %s%n", changed, loaded.size(), config.rulesFile());
      spec.commandLine().getOut().flush();
    }
    CountDownLatch stopped = new CountDownLatch(1);
    try (ProcessorApp app = new ProcessorApp(config, topics)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "watchstream-process-shutdown"));
      app.streams().setStateListener((now, before) -> {
        if (now == org.apache.kafka.streams.KafkaStreams.State.ERROR || now == org.apache.kafka.streams.KafkaStreams.State.NOT_RUNNING) {
          stopped.countDown();
        }
      });
      app.start();
      stopped.await();
      return app.streams().state() == org.apache.kafka.streams.KafkaStreams.State.ERROR ? 1 : 0;
    }
  }
}
