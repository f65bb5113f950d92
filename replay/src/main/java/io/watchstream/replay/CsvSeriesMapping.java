package io.watchstream.replay;

/**
 * How a NAB-style {@code timestamp,value} file becomes a metric series: the file carries only values, so
 * the namespace, metric name, statistic and period come from here and the series name (the file name
 * without {@code .csv}, or {@code --series}) becomes the value of one dimension. With the defaults a file
 * {@code ec2_cpu_utilization_24ae8d.csv} is the series
 * {@code Replay/value{Series=ec2_cpu_utilization_24ae8d}/Average/300} (period inferred from the data),
 * which a rule selects with {@code metric: {namespace: Replay, name: value, dimensions: {Series: "ec2_cpu_*"}}}.
 *
 * @param periodSeconds the period of each datapoint; 0 infers it as the most common gap between timestamps
 * @param seriesName overrides the series name of a single file; null uses the file name
 */
public record CsvSeriesMapping(String namespace, String metricName, String dimensionName, String statistic,
                               int periodSeconds, String seriesName) {

  public static final String DEFAULT_NAMESPACE = "Replay";
  public static final String DEFAULT_METRIC = "value";
  public static final String DEFAULT_DIMENSION = "Series";

  public static CsvSeriesMapping defaults() {
    return new CsvSeriesMapping(DEFAULT_NAMESPACE, DEFAULT_METRIC, DEFAULT_DIMENSION, "Average", 0, null);
  }

  public CsvSeriesMapping withSeriesName(String name) {
    return new CsvSeriesMapping(namespace, metricName, dimensionName, statistic, periodSeconds, name);
  }
}
