package io.watchstream.notifier.scaling;

import io.watchstream.avro.AlarmState;
import io.watchstream.avro.ScalingAction;
import io.watchstream.avro.ScalingCommand;
import io.watchstream.notifier.delivery.ReliableSlack;
import io.watchstream.notifier.delivery.SlackFailure;
import io.watchstream.notifier.engine.IncidentKey;
import io.watchstream.notifier.ops.NotifierMetrics;
import io.watchstream.notifier.state.Json;
import io.watchstream.notifier.state.NotifierStateStore;
import io.watchstream.notifier.state.StateKeys;
import io.watchstream.notifier.scaling.ScalingRecords.Decision;
import io.watchstream.notifier.scaling.ScalingRecords.GroupRecord;
import io.watchstream.notifier.scaling.ScalingRecords.InFlight;
import io.watchstream.notifier.scaling.ScalingRecords.Outcome;
import io.watchstream.notifier.scaling.ScalingRecords.Reason;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.ScalingPolicy;

/**
 * Executes scaling commands from the {@code scaling-commands} topic safely. Checks, in order: the command
 * was not handled before (idempotency key in the state topic), the group is on the opt-in allowlist, no
 * other change of the group is in flight, the group's cooldown has passed; then it computes the target
 * capacity, clamps it into the allowlist's bounds (and the group's own min/max), and either only reports
 * it (dry-run) or calls Auto Scaling. Every decision is written to the state topic and posted to Slack.
 * After the warm-up it compares the triggering metric and alert state with the values at the change and
 * posts whether scaling helped. Each decision is counted by outcome and reason in {@link NotifierMetrics}.
 */
public final class ScalingController {

  private static final Logger LOG = LoggerFactory.getLogger(ScalingController.class);

  private final io.watchstream.notifier.scaling.ScalingPolicy policy;
  private final AutoScalingClient autoScaling;
  private final MetricReader metrics;
  private final NotifierStateStore state;
  private final ReliableSlack slack;
  private final NotifierMetrics meters;
  private final Map<String, GroupRecord> groups = new HashMap<>();

  public ScalingController(io.watchstream.notifier.scaling.ScalingPolicy policy, AutoScalingClient autoScaling,
      MetricReader metrics, NotifierStateStore state, ReliableSlack slack, NotifierMetrics meters) {
    this.meters = meters;
    this.policy = policy;
    this.autoScaling = autoScaling;
    this.metrics = metrics;
    this.state = state;
    this.slack = slack;
  }

  /** Reloads cooldown clocks and in-flight changes from the state topic (after {@code catchUp}). */
  public void restore() {
    state.withPrefix(StateKeys.ASG).forEach((k, v) ->
        groups.put(k.substring(StateKeys.ASG.length()), Json.read(v, GroupRecord.class)));
  }

  public Decision handle(ScalingCommand cmd, Instant now) throws InterruptedException {
    String key = StateKeys.scaling(cmd.getIdempotencyKey());
    if (state.contains(key)) {
      LOG.info("Scaling command {} already handled; skipping", cmd.getIdempotencyKey());
      return Json.read(state.get(key), Decision.class);
    }
    String name = cmd.getAutoScalingGroup();
    Decision d = decide(cmd, now);
    Map<String, String> writes = new LinkedHashMap<>();
    writes.put(key, Json.write(d));
    if (d.outcome() == Outcome.EXECUTED || d.outcome() == Outcome.DRY_RUN) {
      InFlight inFlight = d.outcome() == Outcome.EXECUTED
          ? new InFlight(cmd.getIdempotencyKey(), cmd.getRuleId(), cmd.getSeriesKey(), d.from(), d.to(),
              boxed(metrics.latest(cmd.getSeriesKey(), now)), now, now.plus(policy.warmup()))
          : null;
      GroupRecord record = new GroupRecord(now, inFlight);
      groups.put(name, record);
      writes.put(StateKeys.asg(name), Json.write(record));
    }
    state.write(writes);
    meters.scalingCommand(d.outcome().name(), d.reason() == null ? null : d.reason().name());
    LOG.info("Scaling {} for {}: {} {}", d.outcome(), name, d.detail(), cmd.getIdempotencyKey());
    post(ScalingMessages.decision(cmd, d));
    return d;
  }

  private Decision decide(ScalingCommand cmd, Instant now) {
    String name = cmd.getAutoScalingGroup();
    io.watchstream.notifier.scaling.ScalingPolicy.Group limits = policy.groups().get(name);
    if (limits == null) {
      return refuse(cmd, Reason.NOT_ALLOWLISTED, null, null, "group is not on the scaling allowlist (opt-in)", now);
    }
    GroupRecord record = groups.get(name);
    if (record != null && record.inFlight() != null) {
      return refuse(cmd, Reason.IN_FLIGHT, null, null, "another change (" + record.inFlight().from() + " → " + record.inFlight().to()
          + ") is still in flight until " + record.inFlight().checkAt(), now);
    }
    if (record != null && record.lastChangeAt() != null && record.lastChangeAt().plus(limits.cooldown()).isAfter(now)) {
      return refuse(cmd, Reason.COOLDOWN, null, null, "cooldown until " + record.lastChangeAt().plus(limits.cooldown()), now);
    }
    AutoScalingGroup asg;
    ScalingPolicy awsPolicy = null;
    try {
      var groupsFound = autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).autoScalingGroups();
      if (groupsFound.isEmpty()) {
        return refuse(cmd, Reason.GROUP_NOT_FOUND, null, null, "Auto Scaling group not found", now);
      }
      asg = groupsFound.get(0);
      if (cmd.getAction() == ScalingAction.EXECUTE_POLICY) {
        var policies = autoScaling.describePolicies(r -> r.autoScalingGroupName(name).policyNames(cmd.getPolicyName()))
            .scalingPolicies().stream().filter(x -> name.equals(x.autoScalingGroupName())).toList();
        if (policies.isEmpty()) {
          return refuse(cmd, Reason.POLICY_NOT_FOUND, asg.desiredCapacity(), null, "scaling policy " + cmd.getPolicyName() + " not found", now);
        }
        awsPolicy = policies.get(0);
      }
    } catch (SdkException e) {
      return new Decision(cmd.getIdempotencyKey(), name, Outcome.FAILED, Reason.AWS_UNAVAILABLE, null, null,
          "Auto Scaling unavailable: " + e.getMessage(), now);
    }
    int from = asg.desiredCapacity();
    Integer wanted = ScalingTarget.of(cmd, from, awsPolicy);
    if (wanted == null) {
      return refuse(cmd, Reason.UNSUPPORTED_POLICY, from, null, "cannot bound-check policy type " + awsPolicy.policyType() + "/"
          + awsPolicy.adjustmentType(), now);
    }
    int lo = Math.max(limits.min(), asg.minSize());
    int hi = Math.min(limits.max(), asg.maxSize());
    int to = Math.max(lo, Math.min(hi, wanted));
    if (to == from) {
      return refuse(cmd, Reason.NO_CHANGE, from, to, "already at " + from + " (wanted " + wanted + ", bounds " + lo + ".." + hi + ")", now);
    }
    String clampNote = to != wanted ? " (wanted " + wanted + ", clamped to bounds " + lo + ".." + hi + ")" : "";
    if (policy.dryRun() || limits.dryRun() || cmd.getDryRun()) {
      return new Decision(cmd.getIdempotencyKey(), name, Outcome.DRY_RUN, null, from, to, "dry-run" + clampNote, now);
    }
    try {
      if (awsPolicy != null && to == wanted) {
        String policyName = awsPolicy.policyName();
        autoScaling.executePolicy(r -> r.autoScalingGroupName(name).policyName(policyName).honorCooldown(false));
      } else {
        autoScaling.setDesiredCapacity(r -> r.autoScalingGroupName(name).desiredCapacity(to).honorCooldown(false));
      }
    } catch (SdkException e) {
      return new Decision(cmd.getIdempotencyKey(), name, Outcome.FAILED, Reason.AWS_CALL_FAILED, from, to,
          "Auto Scaling call failed: " + e.getMessage(), now);
    }
    return new Decision(cmd.getIdempotencyKey(), name, Outcome.EXECUTED, null, from, to, "executed" + clampNote, now);
  }

  /** Checks changes whose warm-up is over and posts whether they helped. */
  public void tick(Instant now, Map<IncidentKey, AlarmState> latestStates) throws InterruptedException {
    for (Map.Entry<String, GroupRecord> e : new HashMap<>(groups).entrySet()) {
      InFlight f = e.getValue().inFlight();
      if (f == null || f.checkAt().isAfter(now)) {
        continue;
      }
      OptionalDouble after = metrics.latest(f.seriesKey(), now);
      AlarmState alert = latestStates.get(new IncidentKey(f.ruleId(), f.seriesKey()));
      String text = ScalingMessages.outcome(e.getKey(), f, after, alert);
      GroupRecord cleared = new GroupRecord(e.getValue().lastChangeAt(), null);
      groups.put(e.getKey(), cleared);
      state.write(Map.of(StateKeys.asg(e.getKey()), Json.write(cleared),
          StateKeys.done("scaling-outcome|" + f.idempotencyKey()), Long.toString(now.toEpochMilli())));
      LOG.info("Scaling outcome for {}: {}", e.getKey(), text);
      post(text);
    }
  }

  private void post(String text) throws InterruptedException {
    if (slack == null || policy.slackChannel() == null) {
      return;
    }
    try {
      slack.post(policy.slackChannel(), text, null, null);
    } catch (SlackFailure f) {
      LOG.error("Could not post scaling message to {}: {}", policy.slackChannel(), f.getMessage());
    }
  }

  private static Decision refuse(ScalingCommand cmd, Reason reason, Integer from, Integer to, String why, Instant now) {
    return new Decision(cmd.getIdempotencyKey(), cmd.getAutoScalingGroup(), Outcome.REFUSED, reason, from, to, why, now);
  }

  private static Double boxed(OptionalDouble v) {
    return v.isPresent() ? v.getAsDouble() : null;
  }
}
