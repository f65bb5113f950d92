package io.watchstream.cli.replay;

import io.watchstream.ingest.kafka.IngestSink;
import io.watchstream.replay.ReplayRecord;
import io.watchstream.replay.TimeOrderedMerge;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The ingest sink a replay gives ingest's backfill and log polling instead of Kafka: it keeps the records
 * ingest would have written to {@code metrics} and {@code logs}, in memory, and drops the checkpoints
 * (a replay resumes nothing). Nothing is sent anywhere.
 *
 * <p>Log events are kept only inside [from, to): FilterLogEvents' end time is inclusive. Datapoints are
 * kept as ingest's backfill writes them (whole periods, aligned as CloudWatch aligns them).
 */
final class InMemoryIngestSink implements IngestSink {

  private final long from;
  private final long to;
  private final List<ReplayRecord.Metric> metrics = new ArrayList<>();
  private final List<ReplayRecord.Log> logs = new ArrayList<>();

  InMemoryIngestSink(Instant from, Instant to) {
    this.from = from.toEpochMilli();
    this.to = to.toEpochMilli();
  }

  @Override
  public void commit(Batch batch) {
    for (MetricRecord m : batch.metrics()) {
      metrics.add(new ReplayRecord.Metric(m.key(), m.value()));
    }
    for (LogRecord l : batch.logs()) {
      long t = l.value().getTimestamp().toEpochMilli();
      if (t >= from && t < to) {
        logs.add(new ReplayRecord.Log(l.key(), l.value()));
      }
    }
  }

  int datapoints() {
    return metrics.size();
  }

  int logEvents() {
    return logs.size();
  }

  /**
   * Everything committed, in event-time order. Backfill commits window by window and batch by batch, and
   * each log group is polled in turn, so both lists are sorted (stably: a series' own order is kept) and
   * then merged, datapoints before log events on equal timestamps.
   */
  List<ReplayRecord> records() {
    List<ReplayRecord.Metric> m = new ArrayList<>(metrics);
    m.sort(Comparator.comparingLong(ReplayRecord::timestamp));
    List<ReplayRecord.Log> l = new ArrayList<>(logs);
    l.sort(Comparator.comparingLong(ReplayRecord::timestamp));
    return TimeOrderedMerge.merge(List.of(m, l));
  }

  @Override
  public void close() {
    // nothing to release
  }
}
