package io.watchstream.notifier.engine;

import java.util.Map;

/**
 * One routing rule: alerts matching {@code match} (see {@link AlertMatcher}) go to {@code channel};
 * evaluation stops at the first matching route unless {@code continueMatching} is set.
 */
public record Route(Map<String, String> match, String channel, boolean continueMatching) {

  public Route {
    match = match == null ? Map.of() : Map.copyOf(match);
  }
}
