package io.watchstream.pipeline;

import io.watchstream.ingest.config.IngestConfig;
import io.watchstream.notifier.config.NotifierConfig;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.rules.LoadedRule;
import io.watchstream.schemas.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which services one {@link Pipeline} runs, and with what: every service is optional (the bench runs the processor
 * alone, or the notifier alone), the topics are always set up first.
 *
 * @param bootstrapServers the broker every service and the topic set-up talk to
 * @param topics           the catalogue (names and serdes) the services share
 * @param dataPartitions   partitions of each created data topic (tables always get one)
 */
public record PipelinePlan(String bootstrapServers, Topics topics, int dataPartitions, Optional<Processor> processor,
                           Optional<Notifier> notifier, Optional<IngestConfig> ingest) {

  /** The processor and the rules published to its rules topic before it starts (none: the topic has them). */
  public record Processor(ProcessorConfig config, List<LoadedRule> rules) {
    public Processor {
      rules = List.copyOf(rules);
    }
  }

  /** The notifier; {@code env} resolves its secret references (Slack webhook, bot token) as the environment would. */
  public record Notifier(NotifierConfig config, Map<String, String> env) {
    public Notifier {
      env = Map.copyOf(env);
    }
  }

  /** Topics only; add services with the {@code with} methods. */
  public static PipelinePlan topicsOnly(String bootstrapServers, Topics topics, int dataPartitions) {
    return new PipelinePlan(bootstrapServers, topics, dataPartitions, Optional.empty(), Optional.empty(), Optional.empty());
  }

  public PipelinePlan withProcessor(ProcessorConfig config, List<LoadedRule> rules) {
    return new PipelinePlan(bootstrapServers, topics, dataPartitions, Optional.of(new Processor(config, rules)), notifier,
        ingest);
  }

  public PipelinePlan withNotifier(NotifierConfig config, Map<String, String> env) {
    return new PipelinePlan(bootstrapServers, topics, dataPartitions, processor, Optional.of(new Notifier(config, env)),
        ingest);
  }

  public PipelinePlan withIngest(IngestConfig config) {
    return new PipelinePlan(bootstrapServers, topics, dataPartitions, processor, notifier, Optional.of(config));
  }
}
