package io.watchstream.ingest.logs;

import io.watchstream.ingest.kafka.CheckpointCodec;
import io.watchstream.ingest.kafka.IngestSink;
import io.watchstream.ingest.kafka.IngestSink.LogRecord;
import io.watchstream.ingest.ops.IngestMetrics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One logs poll cycle: each source in turn, its new events and its next checkpoint committed in one
 * Kafka transaction. The in-memory checkpoint moves only after the commit, so a failure re-reads the
 * same range on the retried cycle: no line lost, none written twice.
 */
public final class LogPoller {

  private final List<LogEventSource> sources;
  private final IngestSink sink;
  private final IngestMetrics meters;
  private final Clock clock;
  private final Map<String, byte[]> checkpoints = new HashMap<>();
  private final Map<String, Long> readThrough = new HashMap<>();

  public LogPoller(List<LogEventSource> sources, IngestSink sink, IngestMetrics meters, Clock clock) {
    this.sources = List.copyOf(sources);
    this.sink = sink;
    this.meters = meters;
    this.clock = clock;
  }

  public void restore(Map<String, byte[]> stored) {
    for (LogEventSource s : sources) {
      byte[] cp = stored.get(CheckpointCodec.logKey(s.id()));
      if (cp != null) {
        checkpoints.put(s.id(), cp);
      }
    }
  }

  /** Polls every source once. Throws on the first failure; sources already committed keep their progress. */
  public void poll() {
    for (LogEventSource source : sources) {
      LogEventSource.Poll p = source.poll(checkpoints.get(source.id()), clock.instant());
      List<LogRecord> records = new ArrayList<>(p.events().size());
      for (FetchedLogEvent e : p.events()) {
        records.add(new LogRecord(e.key(), e.toAvro()));
      }
      Map<String, byte[]> cp = p.checkpoint() == null ? Map.of() : Map.of(CheckpointCodec.logKey(source.id()), p.checkpoint());
      sink.commit(new IngestSink.Batch(List.of(), records, cp));
      if (p.checkpoint() != null) {
        checkpoints.put(source.id(), p.checkpoint());
        meters.transactionCommitted();
      }
      meters.logEventsWritten(records.size());
      readThrough.put(source.id(), p.readThroughMillis());
    }
    readThrough.values().stream().mapToLong(Long::longValue).min().ifPresent(meters::logsReadThrough);
  }
}
