package io.watchstream.notifier.scaling;

import java.time.Duration;
import java.util.Map;

/**
 * Opt-in scaling limits. Only groups listed in {@code groups} may be changed at all (a team whose
 * database lives on its instances simply does not list its group). Per group: capacity bounds enforced
 * here (moto does not enforce min/max, and we want the guard even where AWS would), a cooldown, and a
 * dry-run switch; {@code dryRun} at the top level turns every group into dry-run.
 *
 * @param warmup       how long after a change the triggering metric is checked again
 * @param slackChannel where decisions and outcomes are posted
 */
public record ScalingPolicy(boolean dryRun, Map<String, Group> groups, Duration warmup, String slackChannel) {

  public record Group(int min, int max, Duration cooldown, boolean dryRun) {
    public Group {
      if (min < 0 || max < min) {
        throw new IllegalArgumentException("scaling bounds need 0 <= min <= max, got " + min + ".." + max);
      }
    }
  }

  public ScalingPolicy {
    groups = groups == null ? Map.of() : Map.copyOf(groups);
  }
}
