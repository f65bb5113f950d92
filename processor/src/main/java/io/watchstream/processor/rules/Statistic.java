package io.watchstream.processor.rules;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A CloudWatch statistic: Average, Sum, Minimum, Maximum, SampleCount, or a percentile pNN (p99, p99.9).
 *
 * @param name canonical spelling, as CloudWatch writes it
 * @param percentile the percentile in (0, 100] for pNN, NaN otherwise
 */
public record Statistic(String name, double percentile) {

  public static final Statistic AVERAGE = new Statistic("Average", Double.NaN);
  public static final Statistic SUM = new Statistic("Sum", Double.NaN);
  public static final Statistic MINIMUM = new Statistic("Minimum", Double.NaN);
  public static final Statistic MAXIMUM = new Statistic("Maximum", Double.NaN);
  public static final Statistic SAMPLE_COUNT = new Statistic("SampleCount", Double.NaN);

  @JsonValue
  @Override
  public String name() {
    return name;
  }

  public boolean isPercentile() {
    return !Double.isNaN(percentile);
  }

  @JsonCreator
  public static Statistic parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("statistic is required");
    }
    for (Statistic s : new Statistic[] {AVERAGE, SUM, MINIMUM, MAXIMUM, SAMPLE_COUNT}) {
      if (s.name.equalsIgnoreCase(text)) {
        return s;
      }
    }
    if (text.length() > 1 && (text.charAt(0) == 'p' || text.charAt(0) == 'P')) {
      try {
        double p = Double.parseDouble(text.substring(1));
        if (p > 0 && p <= 100) {
          return new Statistic("p" + text.substring(1), p);
        }
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new IllegalArgumentException(
        "statistic must be Average, Sum, Minimum, Maximum, SampleCount or pNN (e.g. p99)");
  }
}
