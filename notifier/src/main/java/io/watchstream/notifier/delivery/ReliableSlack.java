package io.watchstream.notifier.delivery;

import com.slack.api.model.block.LayoutBlock;
import io.watchstream.notifier.ops.NotifierMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack calls with the delivery rules applied: posts wait for the channel's 1 message/second slot,
 * 429 responses wait for Retry-After (and push the channel's next slot), 5xx and I/O errors retry with
 * exponential backoff, permanent errors fail at once. A call that still fails throws the last
 * {@link SlackFailure}; the caller dead-letters it. Successful calls, failed attempts (by cause) and retries
 * are counted in {@link NotifierMetrics}.
 */
public final class ReliableSlack {

  private static final Logger LOG = LoggerFactory.getLogger(ReliableSlack.class);

  private final SlackSender sender;
  private final ChannelRateLimiter limiter;
  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final NotifierMetrics metrics;
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  public ReliableSlack(SlackSender sender, ChannelRateLimiter limiter, RetryPolicy policy, Clock clock, Sleeper sleeper) {
    this(sender, limiter, policy, clock, sleeper, NotifierMetrics.discarding());
  }

  public ReliableSlack(SlackSender sender, ChannelRateLimiter limiter, RetryPolicy policy, Clock clock, Sleeper sleeper,
      NotifierMetrics metrics) {
    this.metrics = metrics;
    this.sender = sender;
    this.limiter = limiter;
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
  }

  public boolean canEditAndThread() {
    return sender.canEditAndThread();
  }

  public SlackRef post(String channel, String text, List<LayoutBlock> blocks, String threadTs)
      throws SlackFailure, InterruptedException {
    return post(channel, channel, text, blocks, threadTs);
  }

  /** Posts to {@code target} (e.g. a channel id) while pacing by {@code channel}, the name it was routed to. */
  public SlackRef post(String channel, String target, String text, List<LayoutBlock> blocks, String threadTs)
      throws SlackFailure, InterruptedException {
    NotifierMetrics.SlackMessage kind = threadTs == null ? NotifierMetrics.SlackMessage.POST : NotifierMetrics.SlackMessage.THREAD_REPLY;
    return attempt(channel, "post", kind, true, () -> sender.post(target, text, blocks, threadTs));
  }

  public void update(String channel, SlackRef ref, String text, List<LayoutBlock> blocks)
      throws SlackFailure, InterruptedException {
    attempt(channel, "update", NotifierMetrics.SlackMessage.UPDATE, false, () -> {
      sender.update(ref, text, blocks);
      return ref;
    });
  }

  public long rateLimitedCount() {
    return rateLimited.get();
  }

  public long retryCount() {
    return retries.get();
  }

  private interface Call {
    SlackRef run() throws SlackFailure;
  }

  private SlackRef attempt(String channel, String what, NotifierMetrics.SlackMessage kind, boolean paced, Call call)
      throws SlackFailure, InterruptedException {
    int attempt = 0;
    while (true) {
      attempt++;
      if (paced) {
        sleeper.sleep(limiter.reserve(channel, clock.instant()));
      }
      try {
        SlackRef ref = call.run();
        metrics.slackDelivered(kind);
        return ref;
      } catch (SlackFailure f) {
        metrics.slackFailed(f);
        if (f.kind() == SlackFailure.Kind.PERMANENT || attempt >= policy.maxAttempts()) {
          throw f;
        }
        Duration wait;
        if (f.kind() == SlackFailure.Kind.RATE_LIMITED) {
          rateLimited.incrementAndGet();
          if (f.retryAfter().compareTo(policy.maxRetryAfter()) > 0) {
            throw f;
          }
          wait = f.retryAfter();
          limiter.backOff(channel, clock.instant(), wait);
        } else {
          wait = policy.backoff(attempt);
        }
        retries.incrementAndGet();
        metrics.slackRetried();
        LOG.warn("Slack {} to {} failed ({}), attempt {} of {}, retrying in {} ms", what, channel, f.getMessage(), attempt,
            policy.maxAttempts(), wait.toMillis());
        if (!paced || f.kind() != SlackFailure.Kind.RATE_LIMITED) {
          sleeper.sleep(wait); // paced rate-limited posts wait in limiter.reserve instead
        }
      }
    }
  }
}
