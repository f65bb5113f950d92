package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.harness.StreamsRunner;
import io.watchstream.bench.workload.BenchRules;
import io.watchstream.processor.app.ProcessorApp;
import io.watchstream.processor.app.ProcessorConfig;
import io.watchstream.processor.app.ProcessorOpsConfig;
import io.watchstream.schemas.Topics;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The processor as users run it: the real {@link ProcessorApp} (its Kafka Streams settings, exception handlers,
 * thread replacement, record timing and watchdog) at the processor's defaults, on a prefixed topic catalogue. Its ops
 * endpoint is off: nothing scrapes it here and several run in one JVM.
 */
public final class LiveProcessor {

  private LiveProcessor() {
  }

  /** The processor's defaults on this broker and registry, under {@code applicationId} and {@code stateDir}. */
  public static ProcessorConfig config(String bootstrap, String registryUrl, String applicationId, Path stateDir) {
    return new ProcessorConfig(new ProcessorConfig.Kafka(bootstrap, registryUrl, applicationId, stateDir, null, null, null),
        null, null, null, ProcessorOpsConfig.onPort(-1));
  }

  /** The same from the benchmark context. */
  public static ProcessorConfig config(BenchContext context, String applicationId, Path stateDir) {
    return config(context.bootstrap(), context.registry().ccompatUrl(), applicationId, stateDir);
  }

  /** A not yet started processor on {@code topics}, for tests and child JVMs that have no benchmark context. */
  public static ProcessorApp create(String bootstrap, String registryUrl, Topics topics, String applicationId,
                                    Path stateDir) {
    return new ProcessorApp(config(bootstrap, registryUrl, applicationId, stateDir), topics);
  }

  /**
   * The throughput phase's processor: publish three rules per series (once, in round 0), then consume the whole
   * metrics topic as a fresh application ({@code bench-processor-<round>}) with an empty state directory.
   */
  public static ProcessorUnderTest underTest() {
    return (context, topics, series, round) -> {
      if (round == 0) {
        BenchRules.publish(context.bootstrap(), topics.rules(), BenchRules.THREE_PER_SERIES);
      }
      String applicationId = "bench-processor-" + round;
      try (ProcessorApp app = new ProcessorApp(config(context, applicationId, context.dir("state-processor-" + round)),
          topics)) {
        return StreamsRunner.runUntilCaughtUp(app.streams(), app::start, context.bootstrap(), applicationId,
            topics.metrics().name(), Duration.ofMinutes(5));
      }
    };
  }
}
