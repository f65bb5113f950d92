package io.watchstream.notifier.engine;

import io.watchstream.avro.AlarmState;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the notifier knows about one incident conversation: its members (series) and their states, the
 * Slack message timestamp once posted ({@code slackTs}, null in webhook mode or before posting) and when
 * it last notified. Persisted as JSON in the compacted notifier-state topic so a restart edits the same message.
 */
public record GroupState(
    GroupKey key,
    String slackChannelId,
    String slackTs,
    Instant openedAt,
    Instant lastNotifiedAt,
    Map<String, Member> members) {

  public GroupState {
    members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
  }

  static GroupState open(GroupKey key, Instant now) {
    return new GroupState(key, null, null, now, null, Map.of());
  }

  GroupState withMember(String seriesKey, Member member) {
    Map<String, Member> copy = new LinkedHashMap<>(members);
    copy.put(seriesKey, member);
    return new GroupState(key, slackChannelId, slackTs, openedAt, lastNotifiedAt, copy);
  }

  public GroupState posted(String channelId, String ts, Instant at) {
    return new GroupState(key, channelId, ts, openedAt, at, members);
  }

  public boolean isResolved() {
    return !members.isEmpty() && members.values().stream().allMatch(m -> m.state() == AlarmState.OK && !m.flapping());
  }

  public boolean anyFiring() {
    return members.values().stream().anyMatch(m -> m.state() == AlarmState.ALARM);
  }

  public boolean anyFlapping() {
    return members.values().stream().anyMatch(Member::flapping);
  }

  /** The most recent transition of any member: source of severity, rule version and reason in the header. */
  public Alert latestAlert() {
    return members.values().stream().map(Member::latest)
        .max(java.util.Comparator.comparing(Alert::transitionTime)).orElseThrow();
  }
}
