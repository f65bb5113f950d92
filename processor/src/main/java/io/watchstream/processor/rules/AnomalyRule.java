package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Anomaly-band rule (the model lives in {@code io.watchstream.processor.anomaly}): a datapoint breaches
 * when it falls outside a band of {@code sensitivity} standard deviations around the model's expected
 * value, in {@code direction}; ALARM when {@code datapointsToAlarm} of {@code evaluationPeriods} breach.
 * No alarm is raised before {@code minTrainingPeriods} datapoints trained the model.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AnomalyRule(
    @JsonProperty("id") String id,
    @JsonProperty("description") String description,
    @JsonProperty("metric") MetricSelector metric,
    @JsonProperty("model") String model,
    @JsonProperty("sensitivity") Double sensitivity,
    @JsonProperty("direction") String direction,
    @JsonProperty("datapointsToAlarm") Integer datapointsToAlarm,
    @JsonProperty("evaluationPeriods") Integer evaluationPeriods,
    @JsonProperty("minTrainingPeriods") Integer minTrainingPeriods,
    @JsonProperty("minDeviation") Double minDeviation,
    @JsonProperty("minRelativeDeviation") Double minRelativeDeviation,
    @JsonProperty("treatMissingData") TreatMissingData treatMissingData,
    @JsonProperty("severity") Severity severity,
    @JsonProperty("labels") Map<String, String> labels,
    @JsonProperty("actions") RuleActions actions)
    implements Rule {

  public static final String KIND = "anomaly";

  public AnomalyRule {
    model = model == null ? "auto" : model.toLowerCase(Locale.ROOT);
    sensitivity = sensitivity == null ? 3.0 : sensitivity;
    direction = direction == null ? "both" : direction.toLowerCase(Locale.ROOT);
    evaluationPeriods = evaluationPeriods == null ? 1 : evaluationPeriods;
    datapointsToAlarm = datapointsToAlarm == null ? evaluationPeriods : datapointsToAlarm;
    minTrainingPeriods = minTrainingPeriods == null ? 60 : minTrainingPeriods;
    minDeviation = minDeviation == null ? 0.0 : minDeviation;
    minRelativeDeviation = minRelativeDeviation == null ? 0.0 : minRelativeDeviation;
    treatMissingData = treatMissingData == null ? TreatMissingData.MISSING : treatMissingData;
    severity = severity == null ? Severity.WARNING : severity;
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    actions = RuleActions.orNone(actions);
  }

  @Override
  public String kind() {
    return KIND;
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
    if (!List.of("auto", "robust", "seasonal").contains(model)) {
      p.add(new RuleProblem("model", "must be auto, robust or seasonal"));
    }
    if (!Double.isFinite(sensitivity) || sensitivity <= 0) {
      p.add(new RuleProblem("sensitivity", "must be a positive number of standard deviations"));
    }
    if (!List.of("above", "below", "both").contains(direction)) {
      p.add(new RuleProblem("direction", "must be above, below or both"));
    }
    if (evaluationPeriods < 1) {
      p.add(new RuleProblem("evaluationPeriods", "must be at least 1"));
    }
    if (evaluationPeriods >= 1 && (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods)) {
      p.add(new RuleProblem("datapointsToAlarm", "must be between 1 and evaluationPeriods (" + evaluationPeriods + ")"));
    }
    if (minTrainingPeriods < 0) {
      p.add(new RuleProblem("minTrainingPeriods", "must not be negative"));
    }
    if (!Double.isFinite(minDeviation) || minDeviation < 0) {
      p.add(new RuleProblem("minDeviation", "must be a number >= 0 (in the metric's unit)"));
    }
    if (!Double.isFinite(minRelativeDeviation) || minRelativeDeviation < 0) {
      p.add(new RuleProblem("minRelativeDeviation", "must be a number >= 0 (a fraction of the expected value: 0.2 = 20 %)"));
    }
    actions.validate(p);
    return p;
  }
}
