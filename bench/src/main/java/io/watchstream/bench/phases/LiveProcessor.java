package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.harness.StreamsRunner;
import io.watchstream.processor.app.ProcessorApp;
import io.watchstream.processor.app.StreamsProperties;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.topology.ProcessorTopology;
import io.watchstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The processor as it runs live: {@link ProcessorTopology#build} with the processor's defaults and the Kafka Streams
 * properties of {@link ProcessorApp} (exactly-once v2, 100 ms commit interval, dead-letter and production exception
 * handlers), on a prefixed topic catalogue.
 */
public final class LiveProcessor {

  private LiveProcessor() {
  }

  /** A started-later Kafka Streams client running the rule engine on {@code topics}. */
  public static KafkaStreams create(BenchContext context, Topics topics, String applicationId, Path stateDir) {
    return create(context.bootstrap(), context.registry().ccompatUrl(), topics, applicationId, stateDir);
  }

  /** The same, for tests and child JVMs that have no benchmark context. */
  public static KafkaStreams create(String bootstrap, String registryUrl, Topics topics, String applicationId,
                                    Path stateDir) {
    ProcessorConfig config = ProcessorConfig.defaults()
        .withBootstrap(bootstrap, registryUrl)
        .withApplicationId(applicationId)
        .withStateDir(stateDir);
    return new KafkaStreams(ProcessorTopology.build(config.topologySettings(), topics), properties(config, stateDir));
  }

  /** Exactly the settings the processor application runs with ({@link StreamsProperties}). */
  static Properties properties(ProcessorConfig config, Path stateDir) {
    return StreamsProperties.of(config.withStateDir(stateDir));
  }

  /**
   * The throughput phase's processor: publish three rules per series (once, in round 0), then consume the whole
   * metrics topic as a fresh application ({@code bench-processor-<round>}) with an empty state directory.
   */
  public static ProcessorUnderTest underTest() {
    return (context, topics, series, round) -> {
      if (round == 0) {
        io.watchstream.bench.workload.BenchRules.publish(context.bootstrap(), topics.rules(),
            io.watchstream.bench.workload.BenchRules.THREE_PER_SERIES);
      }
      String applicationId = "bench-processor-" + round;
      try (KafkaStreams streams = create(context, topics, applicationId, context.dir("state-processor-" + round))) {
        return StreamsRunner.runUntilCaughtUp(streams, context.bootstrap(), applicationId, topics.metrics().name(),
            Duration.ofMinutes(5));
      }
    };
  }
}
