package io.watchstream.ingest.logs;

import java.time.Instant;
import java.util.List;

/**
 * Where log events come from, and the seam for replacing polling at scale.
 *
 * <p>A source reads what arrived since its checkpoint and returns the events together with the checkpoint
 * that covers them; it never advances anything itself. {@link LogPoller} commits events and checkpoint in
 * one Kafka transaction and only then hands the new checkpoint back on the next call. The checkpoint is
 * opaque bytes so that each kind of source can keep what it needs.
 *
 * <p>Implementations:
 * <ul>
 *   <li>{@link FilterLogEventsSource} polls FilterLogEvents (checkpoint: last timestamp plus event ids
 *       seen at it). Fine for tens of log groups; FilterLogEvents is limited to 5 requests per second per
 *       account, shared by every group.</li>
 *   <li>At large scale the right source is a CloudWatch Logs <em>subscription filter</em>: CloudWatch
 *       pushes matching events to a Kinesis Data Stream (or Firehose) in near real time with no polling
 *       quota. A {@code SubscriptionFilterSource} would read the stream's shards, gunzip each record's
 *       {@code {"logGroup","logStream","logEvents":[{"id","timestamp","message"}]}} payload into
 *       {@link FetchedLogEvent}s, skip {@code CONTROL_MESSAGE}s, and use the shards' sequence numbers as
 *       its checkpoint. It plugs in here without touching the Kafka side. Not built yet: moto does not
 *       deliver subscription filter events, so it could not be tested against the real parts here.</li>
 * </ul>
 */
public interface LogEventSource {

  /** Stable identity, used as the checkpoint key and for sharding. */
  String id();

  /** Events after the checkpoint ({@code null} for a source never read), and the checkpoint covering them. */
  Poll poll(byte[] checkpoint, Instant now);

  /** One poll's result; {@code checkpoint} is null when nothing needs saving. */
  record Poll(List<FetchedLogEvent> events, byte[] checkpoint, long readThroughMillis) {}
}
