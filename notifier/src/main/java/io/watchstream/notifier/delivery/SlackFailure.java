package io.watchstream.notifier.delivery;

import java.time.Duration;

/**
 * A failed Slack call, classified for the retry policy: rate limited (wait Retry-After), transient
 * (5xx, timeouts: retry with backoff) or permanent (bad channel, invalid token, invalid blocks: give up
 * and dead-letter). The message never contains the token or webhook URL.
 */
public final class SlackFailure extends Exception {

  public enum Kind { RATE_LIMITED, TRANSIENT, PERMANENT }

  private final Kind kind;
  private final Duration retryAfter;

  public SlackFailure(Kind kind, String message, Duration retryAfter) {
    super(message);
    this.kind = kind;
    this.retryAfter = retryAfter;
  }

  public static SlackFailure forStatus(int status, String retryAfterHeader, String detail) {
    if (status == 429) {
      return new SlackFailure(Kind.RATE_LIMITED, "HTTP 429 " + detail, parseRetryAfter(retryAfterHeader));
    }
    Kind kind = status >= 500 || status == 408 ? Kind.TRANSIENT : Kind.PERMANENT;
    return new SlackFailure(kind, "HTTP " + status + " " + detail, null);
  }

  static Duration parseRetryAfter(String header) {
    try {
      return header == null ? Duration.ofSeconds(1) : Duration.ofSeconds(Math.max(0, Long.parseLong(header.trim())));
    } catch (NumberFormatException e) {
      return Duration.ofSeconds(1);
    }
  }

  public Kind kind() {
    return kind;
  }

  public Duration retryAfter() {
    return retryAfter;
  }
}
