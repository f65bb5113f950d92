package io.watchstream.ingest.kafka;

import io.watchstream.avro.LogEvent;
import io.watchstream.avro.LogStreamKey;
import io.watchstream.avro.MetricDatapoint;
import io.watchstream.avro.MetricSeriesKey;
import java.util.List;
import java.util.Map;

/**
 * Where ingest writes: data records and the checkpoints that say how far the data goes, committed
 * atomically. Either all of a {@link Batch} becomes visible to {@code read_committed} readers or none of
 * it does, so a crash between "wrote data" and "wrote checkpoint" cannot lose or duplicate records.
 */
public interface IngestSink extends AutoCloseable {

  record MetricRecord(MetricSeriesKey key, MetricDatapoint value) {}

  record LogRecord(LogStreamKey key, LogEvent value) {}

  /** One atomic unit: datapoints, log events and checkpoint updates (key to JSON bytes). */
  record Batch(List<MetricRecord> metrics, List<LogRecord> logs, Map<String, byte[]> checkpoints) {
    public boolean isEmpty() {
      return metrics.isEmpty() && logs.isEmpty() && checkpoints.isEmpty();
    }
  }

  /** Commits the batch or throws; after a throw nothing of the batch is visible. */
  void commit(Batch batch);

  @Override
  void close();
}
