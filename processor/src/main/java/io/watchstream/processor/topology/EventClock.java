package io.watchstream.processor.topology;

/**
 * Event time for evaluation. Normally the task's stream time (the largest record timestamp seen across
 * its partitions, so one live series moves time forward for the dead ones next to it). When no record
 * has arrived for {@code idleAfterMs} of wall-clock time, event time is extrapolated from the last
 * stream time by the wall-clock time elapsed since — so if every source stops, periods still close and
 * are evaluated as missing data. Never goes backwards. Replays are unaffected while records flow.
 */
final class EventClock {
  private final long idleAfterMs;
  private long lastInputWall = -1;
  private long lastInputStream = -1;
  private long lastAdvanced = Long.MIN_VALUE;

  EventClock(long idleAfterMs) {
    this.idleAfterMs = idleAfterMs;
  }

  void onInput(long wallNow, long streamTime) {
    lastInputWall = wallNow;
    lastInputStream = streamTime;
  }

  /** Event time to evaluate at on a stream-time tick. */
  long onStreamTime(long streamTime) {
    return advance(streamTime);
  }

  /** Event time to evaluate at on a wall-clock tick, or MIN_VALUE when input is flowing (stream time rules). */
  long onWallClock(long wallNow, long streamTime) {
    if (lastInputWall < 0) {
      // nothing processed since start: begin measuring idleness now, from the restored stream time
      lastInputWall = wallNow;
      lastInputStream = streamTime;
      return Long.MIN_VALUE;
    }
    long idle = wallNow - lastInputWall;
    if (idle < idleAfterMs || lastInputStream < 0) {
      return Long.MIN_VALUE;
    }
    return advance(Math.max(lastInputStream, streamTime) + idle);
  }

  private long advance(long t) {
    lastAdvanced = Math.max(lastAdvanced, t);
    return lastAdvanced;
  }
}
