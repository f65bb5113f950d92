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
  private final int status;

  public SlackFailure(Kind kind, String message, Duration retryAfter) {
    this(kind, message, retryAfter, 0);
  }

  /** {@code status} is the HTTP status Slack answered with, 0 when there was none (I/O error, API error in a 200). */
  public SlackFailure(Kind kind, String message, Duration retryAfter, int status) {
    super(message);
    this.kind = kind;
    this.retryAfter = retryAfter;
    this.status = status;
  }

  public static SlackFailure forStatus(int status, String retryAfterHeader, String detail) {
    if (status == 429) {
      return new SlackFailure(Kind.RATE_LIMITED, "HTTP 429 " + detail, parseRetryAfter(retryAfterHeader), status);
    }
    Kind kind = status >= 500 || status == 408 ? Kind.TRANSIENT : Kind.PERMANENT;
    return new SlackFailure(kind, "HTTP " + status + " " + detail, null, status);
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

  public int status() {
    return status;
  }
}
