package io.watchstream.ingest.logs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How far one polled log source has been read, persisted in the checkpoint topic: the last event
 * timestamp and the ids of the events already emitted at (or within {@code overlap} before) it.
 *
 * <p>The next FilterLogEvents starts at {@code watermark - overlap} <em>inclusive</em>, because more
 * events may share the last timestamp; the remembered ids drop the ones already written. With overlap 0
 * the set holds exactly the ids at the last timestamp. A positive overlap also catches events that
 * CloudWatch Logs ingested late with an older timestamp, at the cost of remembering more ids.
 */
public record LogCheckpoint(long watermarkMillis, Map<String, Long> seenIds) {

  public LogCheckpoint {
    seenIds = Map.copyOf(seenIds);
  }

  public static LogCheckpoint initial(Instant now, Duration lookback) {
    return new LogCheckpoint(now.minus(lookback).toEpochMilli(), Map.of());
  }

  /** FilterLogEvents startTime (inclusive) for the next poll. */
  public long queryStartMillis(Duration overlap) {
    return watermarkMillis - overlap.toMillis();
  }

  /** Events to write, in timestamp order, and the checkpoint to keep once they are committed. */
  public record Update(List<FetchedLogEvent> emit, LogCheckpoint next) {}

  /** Drops events already emitted (or read twice within this poll) and advances the checkpoint. */
  public Update accept(List<FetchedLogEvent> fetched, Duration overlap) {
    long lowest = queryStartMillis(overlap);
    Set<String> inThisPoll = new HashSet<>();
    List<FetchedLogEvent> emit = new ArrayList<>();
    long watermark = watermarkMillis;
    for (FetchedLogEvent e : fetched) {
      if (e.timestampMillis() < lowest || seenIds.containsKey(e.eventId()) || !inThisPoll.add(e.eventId())) {
        continue;
      }
      emit.add(e);
      watermark = Math.max(watermark, e.timestampMillis());
    }
    // Sources may return events grouped by stream (moto does); order by time, stable within a stream.
    emit.sort(Comparator.comparingLong(FetchedLogEvent::timestampMillis));
    long keepFrom = watermark - overlap.toMillis();
    Map<String, Long> seen = new HashMap<>();
    seenIds.forEach((id, ts) -> {
      if (ts >= keepFrom) {
        seen.put(id, ts);
      }
    });
    for (FetchedLogEvent e : emit) {
      if (e.timestampMillis() >= keepFrom) {
        seen.put(e.eventId(), e.timestampMillis());
      }
    }
    return new Update(emit, new LogCheckpoint(watermark, seen));
  }
}
