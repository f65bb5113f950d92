package io.watchstream.replay;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.AlertTransition;
import java.util.List;

/**
 * One alert record produced during a replay, reduced to what the reports use.
 *
 * @param sequence position among the run's outputs, in the order the topology produced them
 * @param time the transition's event time (end of the last evaluated period), epoch milliseconds
 * @param notifyChannels how many channels the rule notifies
 */
public record Transition(
    long sequence,
    String ruleId,
    int ruleVersion,
    String ruleKind,
    String seriesKey,
    long time,
    long windowStart,
    long windowEnd,
    AlarmState from,
    AlarmState to,
    boolean reminder,
    int notifyChannels,
    String reason) {

  public static Transition of(long sequence, AlertTransition t) {
    List<String> channels = t.getNotifyChannels();
    return new Transition(sequence, t.getRuleId(), t.getRuleVersion(), t.getRuleKind(), t.getSeriesKey(),
        t.getTransitionTime().toEpochMilli(), t.getWindowStart().toEpochMilli(), t.getWindowEnd().toEpochMilli(),
        t.getFromState(), t.getToState(), t.getReminder(), channels == null ? 0 : channels.size(), t.getReason());
  }

  /**
   * Slack messages this record would cause before the notifier's grouping, silences and flap damping:
   * one per channel when an incident opens (to ALARM), is reminded, or resolves (out of ALARM).
   */
  public int slackMessages() {
    boolean notifies = to == AlarmState.ALARM || from == AlarmState.ALARM;
    return notifies ? notifyChannels : 0;
  }
}
