package io.watchstream.ingest.kafka;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.ingest.logs.LogCheckpoint;
import io.watchstream.ingest.metrics.SeriesWatermark;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Keys and JSON values of the compacted checkpoint topic. JSON rather than Avro: only ingest reads these
 * records, and being able to read them with kcat during an incident is worth more than the bytes.
 *
 * <pre>
 * metric|AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60   {"floorMillis":..,"polledThroughMillis":..,"recent":{"ts":value}}
 * log|/var/log/secure|i-|"Failed password"                    {"watermarkMillis":..,"seenIds":{"id":ts}}
 * backfill|2026-01-01T00:00:00Z|2026-02-01T00:00:00Z         {"completedThroughMillis":..,"batchesDone":..}
 * </pre>
 */
public final class CheckpointCodec {

  private static final ObjectMapper JSON = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Progress of one backfill range: windows before {@code completedThroughMillis} are done, plus that many batches of the next. */
  public record BackfillProgress(long completedThroughMillis, int batchesDone) {}

  private CheckpointCodec() {}

  public static String metricKey(String canonicalSeries) {
    return "metric|" + canonicalSeries;
  }

  public static String logKey(String sourceId) {
    return "log|" + sourceId;
  }

  public static String backfillKey(String from, String to) {
    return "backfill|" + from + "|" + to;
  }

  public static byte[] encode(Object checkpoint) {
    try {
      return JSON.writeValueAsBytes(checkpoint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static SeriesWatermark watermark(byte[] bytes) {
    return decode(bytes, SeriesWatermark.class);
  }

  public static LogCheckpoint logCheckpoint(byte[] bytes) {
    return decode(bytes, LogCheckpoint.class);
  }

  public static BackfillProgress backfill(byte[] bytes) {
    return decode(bytes, BackfillProgress.class);
  }

  private static <T> T decode(byte[] bytes, Class<T> type) {
    try {
      return JSON.readValue(bytes, type);
    } catch (IOException e) {
      throw new UncheckedIOException("unreadable " + type.getSimpleName() + " checkpoint", e);
    }
  }
}
