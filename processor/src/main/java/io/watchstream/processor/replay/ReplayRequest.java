package io.watchstream.processor.replay;

import java.nio.file.Path;
import java.time.Instant;

/**
 * What {@code watchstream replay} was asked to do. Exactly one input; {@code candidate}, {@code windows}
 * and every output are optional.
 *
 * @param topicPrefix prefix of every topic name the replay's topology uses (its own output topics)
 */
public record ReplayRequest(
    Input input,
    Path rules,
    Path candidate,
    Path windows,
    Path html,
    Path json,
    Path transitions,
    String topicPrefix) {

  /** Where the records come from. */
  public sealed interface Input {
    String describe();
  }

  /** A file or directory of NAB CSVs and datapoint JSON lines. */
  public record Files(Path path, CsvSeriesMapping csv) implements Input {
    @Override
    public String describe() {
      return path.toString();
    }
  }

  /**
   * A time range [from, to) of the {@code metrics} and {@code logs} topics of a running pipeline.
   *
   * @param publishOutputs also write each rule set's alerts and scaling commands to the replay's own topics
   *     on the broker ({@code <topicPrefix><label>.alerts}, {@code <topicPrefix><label>.scaling-commands})
   */
  public record Kafka(String bootstrapServers, String schemaRegistryUrl, String metricsTopic, String logsTopic,
                      Instant from, Instant to, boolean publishOutputs) implements Input {

    public Kafka(String bootstrapServers, String schemaRegistryUrl, String metricsTopic, String logsTopic, Instant from, Instant to) {
      this(bootstrapServers, schemaRegistryUrl, metricsTopic, logsTopic, from, to, false);
    }

    @Override
    public String describe() {
      return "kafka " + metricsTopic + "," + logsTopic + " [" + from + ", " + to + ") at " + bootstrapServers;
    }
  }
}
