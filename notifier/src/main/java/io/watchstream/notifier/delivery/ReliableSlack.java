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
 * Slack calls with the delivery rules applied: posts wait for the channel's 1 message/second slot; while Slack is
 * unavailable (429: wait Retry-After and push the channel's next slot; 5xx, I/O errors, unreadable answers: back
 * off exponentially up to a cap; a refused token: the same, logged at ERROR) the call waits and retries for as long
 * as it takes, and {@link DependencyStatus} says so; only a permanent rejection of this one message (a channel that
 * does not exist, invalid blocks) throws {@link SlackFailure}, which the caller dead-letters. Successful calls,
 * failed attempts (by cause) and retries are counted in {@link NotifierMetrics}.
 */
public final class ReliableSlack {

  private static final Logger LOG = LoggerFactory.getLogger(ReliableSlack.class);
  static final String DEPENDENCY = "slack";

  private final SlackSender sender;
  private final ChannelRateLimiter limiter;
  private final RetryPolicy policy;
  private final Clock clock;
  private final Sleeper sleeper;
  private final NotifierMetrics metrics;
  private final DependencyStatus status;
  private final AtomicLong rateLimited = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();

  public ReliableSlack(SlackSender sender, ChannelRateLimiter limiter, RetryPolicy policy, Clock clock, Sleeper sleeper) {
    this(sender, limiter, policy, clock, sleeper, NotifierMetrics.discarding(), DependencyStatus.NONE);
  }

  public ReliableSlack(SlackSender sender, ChannelRateLimiter limiter, RetryPolicy policy, Clock clock, Sleeper sleeper,
      NotifierMetrics metrics) {
    this(sender, limiter, policy, clock, sleeper, metrics, DependencyStatus.NONE);
  }

  public ReliableSlack(SlackSender sender, ChannelRateLimiter limiter, RetryPolicy policy, Clock clock, Sleeper sleeper,
      NotifierMetrics metrics, DependencyStatus status) {
    this.metrics = metrics;
    this.sender = sender;
    this.limiter = limiter;
    this.policy = policy;
    this.clock = clock;
    this.sleeper = sleeper;
    this.status = status;
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
    int failures = 0;
    while (true) {
      if (paced) {
        sleeper.sleep(limiter.reserve(channel, clock.instant()));
      }
      try {
        SlackRef ref = call.run();
        metrics.slackDelivered(kind);
        status.recovered(DEPENDENCY);
        return ref;
      } catch (SlackFailure f) {
        metrics.slackFailed(f);
        if (!f.kind().unavailable()) {
          status.recovered(DEPENDENCY); // Slack answered: it is up, it refused this message
          throw f;
        }
        failures++;
        Duration wait;
        if (f.kind() == SlackFailure.Kind.RATE_LIMITED) {
          rateLimited.incrementAndGet();
          wait = policy.retryAfter(f.retryAfter());
          limiter.backOff(channel, clock.instant(), wait);
        } else {
          wait = policy.backoff(failures);
        }
        retries.incrementAndGet();
        metrics.slackRetried();
        status.waiting(DEPENDENCY, "Slack " + what + " to " + channel + " failed " + failures + " time(s) in a row: "
            + f.getMessage());
        if (f.kind() == SlackFailure.Kind.AUTH) {
          LOG.error("Slack refuses the configured credentials ({}); {} to {} waits and retries in {} ms until the token or"
              + " webhook is fixed", f.getMessage(), what, channel, wait.toMillis());
        } else {
          LOG.warn("Slack {} to {} failed ({}), attempt {}, retrying in {} ms", what, channel, f.getMessage(), failures,
              wait.toMillis());
        }
        if (!paced || f.kind() != SlackFailure.Kind.RATE_LIMITED) {
          sleeper.sleep(wait); // paced rate-limited posts wait in limiter.reserve instead
        }
      }
    }
  }
}
