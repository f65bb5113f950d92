package io.watchstream.notifier.state;

import io.watchstream.notifier.engine.GroupKey;

/**
 * Keys of the compacted notifier-state topic. One prefix per kind of entry so a reader can rebuild
 * every map in one pass:
 * <ul>
 *   <li>{@code group|<channel>|<rule>|<series or *>}: {@link io.watchstream.notifier.engine.GroupState} of an open incident (tombstone once resolved)</li>
 *   <li>{@code sent|<channel>|<alertId>}: that alert transition was handled for that channel</li>
 *   <li>{@code done|<idempotency key>}: an engine notification (reminder, flapping end) was handled</li>
 *   <li>{@code scaling|<idempotency key>}: a scaling command was executed or refused</li>
 *   <li>{@code asg|<group>}: last change and in-flight change of an Auto Scaling group</li>
 * </ul>
 */
public final class StateKeys {

  public static final String GROUP = "group|";
  public static final String SENT = "sent|";
  public static final String DONE = "done|";
  public static final String SCALING = "scaling|";
  public static final String ASG = "asg|";

  private StateKeys() {
  }

  public static String group(GroupKey key) {
    return GROUP + key.id();
  }

  public static String sent(String channel, String alertId) {
    return SENT + channel + "|" + alertId;
  }

  public static String done(String idempotencyKey) {
    return DONE + idempotencyKey;
  }

  public static String scaling(String idempotencyKey) {
    return SCALING + idempotencyKey;
  }

  public static String asg(String group) {
    return ASG + group;
  }
}
