package io.watchstream.processor.rules;

import io.watchstream.runtime.config.CloudWatchPeriods;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A CloudWatch-style metric alarm: {@code statistic} over {@code period} compared with {@code threshold};
 * ALARM when {@code datapointsToAlarm} (M) of the last {@code evaluationPeriods} (N) periods breach.
 * Missing periods are handled by {@code treatMissingData}, exactly as CloudWatch does (see
 * {@code MofNEvaluator}); {@code evaluationRange} is how many periods back the evaluation may look for
 * real datapoints (CloudWatch's "evaluation range"; default N + 2). {@code okThreshold} (optional) is a recovery
 * threshold: once in ALARM, the alarm returns to OK only when datapoints are past it (hysteresis).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ThresholdRule(
    @JsonProperty("id") String id,
    @JsonProperty("description") String description,
    @JsonProperty("metric") MetricSelector metric,
    @JsonProperty("period") Duration period,
    @JsonProperty("statistic") Statistic statistic,
    @JsonProperty("comparison") Comparison comparison,
    @JsonProperty("threshold") Double threshold,
    @JsonProperty("okThreshold") Double okThreshold,
    @JsonProperty("evaluationPeriods") Integer evaluationPeriods,
    @JsonProperty("datapointsToAlarm") Integer datapointsToAlarm,
    @JsonProperty("evaluationRange") Integer evaluationRange,
    @JsonProperty("treatMissingData") TreatMissingData treatMissingData,
    @JsonProperty("grace") Duration grace,
    @JsonProperty("reminderEvery") Duration reminderEvery,
    @JsonProperty("severity") Severity severity,
    @JsonProperty("labels") Map<String, String> labels,
    @JsonProperty("actions") RuleActions actions)
    implements Rule {

  public static final String KIND = "threshold";

  public ThresholdRule {
    period = period == null ? Duration.ofMinutes(1) : period;
    statistic = statistic == null ? Statistic.AVERAGE : statistic;
    evaluationPeriods = evaluationPeriods == null ? 1 : evaluationPeriods;
    datapointsToAlarm = datapointsToAlarm == null ? evaluationPeriods : datapointsToAlarm;
    evaluationRange = evaluationRange == null ? evaluationPeriods + 2 : evaluationRange;
    treatMissingData = treatMissingData == null ? TreatMissingData.MISSING : treatMissingData;
    grace = grace == null ? period : grace;
    severity = severity == null ? Severity.WARNING : severity;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    actions = RuleActions.orNone(actions);
  }

  @Override
  public String kind() {
    return KIND;
  }

  public long periodMs() {
    return period.toMillis();
  }

  @Override
  public List<RuleProblem> validate() {
    List<RuleProblem> p = new ArrayList<>();
    Rule.validateCommon(this, p);
    if (metric == null) {
      p.add(new RuleProblem("metric", "is required"));
    } else {
      metric.validate("metric", p);
    }
    CloudWatchPeriods.problem(period, true).ifPresent(why -> p.add(new RuleProblem("period", why)));
    if (comparison == null) {
      p.add(new RuleProblem("comparison", "is required (>, >=, < or <=)"));
    }
    if (threshold == null) {
      p.add(new RuleProblem("threshold", "is required"));
    } else if (!Double.isFinite(threshold)) {
      p.add(new RuleProblem("threshold", "must be a finite number (NaN and numbers beyond ±1.8e308 never compare usefully)"));
    }
    if (okThreshold != null) {
      if (!Double.isFinite(okThreshold)) {
        p.add(new RuleProblem("okThreshold", "must be a finite number"));
      } else if (comparison != null && threshold != null
          && (comparison.upward() ? okThreshold > threshold : okThreshold < threshold)) {
        p.add(new RuleProblem("okThreshold", "must be on the OK side of threshold (" + (comparison.upward() ? "at most " : "at least ")
            + threshold + " for " + comparison.symbol() + "): the alarm recovers past it"));
      }
    }
    if (evaluationPeriods < 1) {
      p.add(new RuleProblem("evaluationPeriods", "must be at least 1"));
    }
    if (evaluationPeriods >= 1 && (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods)) {
      p.add(new RuleProblem("datapointsToAlarm", "must be between 1 and evaluationPeriods (" + evaluationPeriods + ")"));
    }
    if (evaluationRange < evaluationPeriods || evaluationRange > 1440) {
      p.add(new RuleProblem("evaluationRange", "must be between evaluationPeriods and 1440"));
    }
    if (grace.isNegative()) {
      p.add(new RuleProblem("grace", "must not be negative"));
    }
    if (reminderEvery != null && reminderEvery.toMillis() < 1000) {
      p.add(new RuleProblem("reminderEvery", "must be at least 1s"));
    }
    actions.validate(p);
    return p;
  }
}
