package io.watchstream.replay;

import io.watchstream.runtime.kafka.KafkaConnection;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

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

  /**
   * Where the records come from. Files and Kafka ranges are built in; other modules plug their own sources
   * in here (the CLI's CloudWatch backfill, which runs ingest's code), so this module needs no AWS code.
   */
  public interface Input {

    /** Names the source in messages and in the summary, e.g. a path or a time range and where it was read. */
    String describe();

    /**
     * Every record of the source in event-time order (stable for equal timestamps), as it would sit on the
     * {@code metrics} and {@code logs} topics. Throws {@link ReplayInputException} for input that cannot be
     * used (unreadable file with file:line, unreachable service); may return an empty list, which the
     * replay reports as "no data".
     */
    List<ReplayRecord> read();

    /**
     * The event time evaluation runs up to: the end of a time range, whose absence of data after the last record
     * is known; null for files, whose horizon is their last timestamp.
     */
    default Instant horizon() {
      return null;
    }
  }

  /** A file or directory of NAB CSVs, datapoint and log-event JSON lines. */
  public record Files(Path path, CsvSeriesMapping csv) implements Input {
    @Override
    public String describe() {
      return path.toString();
    }

    @Override
    public List<ReplayRecord> read() {
      return FileInputs.read(path, csv);
    }
  }

  /**
   * A time range [from, to) of the {@code metrics} and {@code logs} topics of a running pipeline.
   *
   * @param publishOutputs also write each rule set's alerts and scaling commands to the replay's own topics
   *     on the broker ({@code <topicPrefix><label>.alerts}, {@code <topicPrefix><label>.scaling-commands})
   * @param connection how to connect (client properties, registry credentials); null: unsecured, from the two URLs
   */
  public record Kafka(String bootstrapServers, String schemaRegistryUrl, String metricsTopic, String logsTopic,
                      Instant from, Instant to, boolean publishOutputs, KafkaConnection connection) implements Input {

    public Kafka {
      connection = connection == null ? KafkaConnection.plain(bootstrapServers, schemaRegistryUrl) : connection;
      bootstrapServers = connection.bootstrapServers();
      schemaRegistryUrl = connection.registryUrl();
    }

    public Kafka(String bootstrapServers, String schemaRegistryUrl, String metricsTopic, String logsTopic,
        Instant from, Instant to, boolean publishOutputs) {
      this(bootstrapServers, schemaRegistryUrl, metricsTopic, logsTopic, from, to, publishOutputs, null);
    }

    public Kafka(String bootstrapServers, String schemaRegistryUrl, String metricsTopic, String logsTopic, Instant from, Instant to) {
      this(bootstrapServers, schemaRegistryUrl, metricsTopic, logsTopic, from, to, false);
    }

    /** Through {@code connection}. */
    public Kafka(KafkaConnection connection, String metricsTopic, String logsTopic, Instant from, Instant to,
        boolean publishOutputs) {
      this(connection.bootstrapServers(), connection.registryUrl(), metricsTopic, logsTopic, from, to, publishOutputs,
          connection);
    }

    @Override
    public List<ReplayRecord> read() {
      return KafkaRangeReader.read(this);
    }

    @Override
    public Instant horizon() {
      return to;
    }

    @Override
    public String describe() {
      return "kafka " + metricsTopic + "," + logsTopic + " [" + from + ", " + to + ") at " + bootstrapServers;
    }
  }
}
