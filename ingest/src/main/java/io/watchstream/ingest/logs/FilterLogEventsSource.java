package io.watchstream.ingest.logs;

import com.google.common.util.concurrent.RateLimiter;
import io.watchstream.ingest.config.LogsConfig;
import io.watchstream.ingest.config.LogSource;
import io.watchstream.ingest.kafka.CheckpointCodec;
import io.watchstream.schemas.FilterTerms;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/**
 * Polls one log group with FilterLogEvents from its {@link LogCheckpoint}, following nextToken through
 * every page. Each request first takes a permit from the rate limiter shared by all groups, so the
 * account's FilterLogEvents quota (5 requests/s) is respected however many groups are configured.
 * The stream prefix and term filter patterns are applied again client-side ({@link LogSource#clientSideTerms}), for stand-ins
 * that do only part of the filtering (moto treats {@code ?term} and {@code -term} as match-all).
 */
public final class FilterLogEventsSource implements LogEventSource {

  private final CloudWatchLogsClient logs;
  private final LogSource source;
  private final LogsConfig config;
  private final RateLimiter sharedLimiter;
  private final FilterTerms pattern;

  public FilterLogEventsSource(CloudWatchLogsClient logs, LogSource source, LogsConfig config, RateLimiter sharedLimiter) {
    this.logs = logs;
    this.source = source;
    this.config = config;
    this.sharedLimiter = sharedLimiter;
    this.pattern = source.clientSideTerms();
  }

  @Override
  public String id() {
    return source.id();
  }

  @Override
  public Poll poll(byte[] checkpoint, Instant now) {
    LogCheckpoint from = checkpoint == null
        ? LogCheckpoint.initial(now, config.initialLookback())
        : CheckpointCodec.logCheckpoint(checkpoint);
    Duration overlap = config.overlap();
    FilterLogEventsRequest.Builder request = FilterLogEventsRequest.builder()
        .logGroupName(source.logGroup())
        .startTime(from.queryStartMillis(overlap))
        .endTime(now.toEpochMilli())
        .limit(config.pageLimit());
    if (source.streamPrefix() != null && !source.streamPrefix().isEmpty()) {
      request.logStreamNamePrefix(source.streamPrefix());
    }
    if (source.filterPattern() != null && !source.filterPattern().isEmpty()) {
      request.filterPattern(source.filterPattern());
    }
    List<FetchedLogEvent> fetched = new ArrayList<>();
    String token = null;
    do {
      sharedLimiter.acquire();
      FilterLogEventsResponse page = logs.filterLogEvents(request.nextToken(token).build());
      for (FilteredLogEvent e : page.events()) {
        if (wanted(e)) {
          fetched.add(new FetchedLogEvent(source.logGroup(), e.logStreamName(), e.eventId(), e.timestamp(),
              e.ingestionTime() == null ? e.timestamp() : e.ingestionTime(), e.message()));
        }
      }
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    LogCheckpoint.Update u = from.accept(fetched, overlap);
    boolean changed = checkpoint == null || !u.next().equals(from);
    // Read through "now": every event up to the request's endTime has been seen.
    return new Poll(u.emit(), changed ? CheckpointCodec.encode(u.next()) : null, now.toEpochMilli());
  }

  private boolean wanted(FilteredLogEvent e) {
    String prefix = source.streamPrefix();
    return (prefix == null || e.logStreamName() == null || e.logStreamName().startsWith(prefix))
        && pattern.matches(e.message());
  }
}
