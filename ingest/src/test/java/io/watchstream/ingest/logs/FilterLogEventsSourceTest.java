package io.watchstream.ingest.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.util.concurrent.RateLimiter;
import io.watchstream.ingest.config.LogsConfig;
import io.watchstream.ingest.config.LogSource;
import io.watchstream.ingest.kafka.CheckpointCodec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

/** Paging, client-side stream prefix, checkpoint start time and the shared FilterLogEvents quota. */
class FilterLogEventsSourceTest {

  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

  /** Answers every group with three pages of one event each; records the requests and when they came. */
  private static final class PagedLogs implements CloudWatchLogsClient {
    final List<FilterLogEventsRequest> requests = new ArrayList<>();
    final List<Long> times = new ArrayList<>();

    @Override
    public FilterLogEventsResponse filterLogEvents(FilterLogEventsRequest r) {
      requests.add(r);
      times.add(System.nanoTime());
      int page = r.nextToken() == null ? 0 : Integer.parseInt(r.nextToken());
      String stream = page == 1 ? "web-1" : "i-0" + page;
      FilteredLogEvent e = FilteredLogEvent.builder().eventId(r.logGroupName() + "#" + page).logStreamName(stream)
          .timestamp(NOW.toEpochMilli() - 1000 + page).ingestionTime(NOW.toEpochMilli()).message("line " + page).build();
      return FilterLogEventsResponse.builder().events(e).nextToken(page < 2 ? String.valueOf(page + 1) : null).build();
    }

    @Override
    public String serviceName() {
      return "logs";
    }

    @Override
    public void close() {}
  }

  private static LogsConfig config() {
    return new LogsConfig(null, Duration.ZERO, Duration.ofMinutes(5), 5.0, 100, List.of());
  }

  @Test
  void followsEveryPageAppliesTheStreamPrefixAndStartsAtTheCheckpoint() {
    PagedLogs logs = new PagedLogs();
    FilterLogEventsSource source = new FilterLogEventsSource(logs,
        new LogSource("/var/log/secure", "i-", null), config(), RateLimiter.create(1000));

    LogEventSource.Poll first = source.poll(null, NOW);

    assertThat(logs.requests).hasSize(3);
    assertThat(logs.requests.get(0).startTime()).isEqualTo(NOW.minus(Duration.ofMinutes(5)).toEpochMilli());
    assertThat(logs.requests.get(0).endTime()).isEqualTo(NOW.toEpochMilli());
    assertThat(logs.requests.get(0).logStreamNamePrefix()).isEqualTo("i-");
    assertThat(first.events()).extracting(FetchedLogEvent::logStream).containsExactly("i-00", "i-02");

    LogEventSource.Poll second = source.poll(first.checkpoint(), NOW.plusSeconds(10));
    assertThat(logs.requests.get(3).startTime()).isEqualTo(NOW.toEpochMilli() - 1000 + 2);
    assertThat(second.events()).isEmpty();
    assertThat(second.checkpoint()).isNull();
    assertThat(CheckpointCodec.logCheckpoint(first.checkpoint()).seenIds()).containsOnlyKeys("/var/log/secure#2");
  }

  @Test
  void allGroupsTogetherStayWithinTheSharedQuota() {
    PagedLogs logs = new PagedLogs();
    RateLimiter quota = RateLimiter.create(5.0);
    quota.acquire(); // start from an empty bucket, as after a busy second
    List<FilterLogEventsSource> groups = List.of("/var/log/secure", "/var/log/messages", "/app/web").stream()
        .map(g -> new FilterLogEventsSource(logs, new LogSource(g, null, null), config(), quota)).toList();

    groups.forEach(g -> g.poll(null, NOW));

    // 9 requests at 5 per second: the last one no sooner than 9/5 s after the first permit.
    assertThat(logs.requests).hasSize(9);
    double seconds = (logs.times.get(8) - logs.times.get(0)) / 1e9;
    assertThat(seconds).isGreaterThan(1.4);
  }
}
