package io.watchstream.notifier.delivery;

import java.time.Duration;

/**
 * A failed Slack call, classified by the fault model: rate limited (wait Retry-After), transient (5xx, timeouts,
 * connection refused: retry with backoff), auth (the token or webhook is refused: a configuration problem no
 * message can fix, so wait and retry like an outage, and say so loudly) — all three mean Slack is unavailable and
 * the message waits; only permanent (a channel Slack says does not exist, blocks or text it rejects as invalid) is
 * about this one message and makes it a dead letter. The message never contains the token or webhook URL.
 */
public final class SlackFailure extends Exception {

  public enum Kind {
    RATE_LIMITED, TRANSIENT, AUTH, PERMANENT;

    /** Whether this failure means Slack is unavailable (wait and retry) rather than this message being bad. */
    public boolean unavailable() {
      return this != PERMANENT;
    }
  }

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
    Kind kind = status >= 500 || status == 408 ? Kind.TRANSIENT
        : status == 401 || status == 403 ? Kind.AUTH
        : Kind.PERMANENT;
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
