package io.watchstream.cli.replay;

import java.util.List;
import picocli.CommandLine.ParseResult;

/**
 * Which of {@code watchstream replay}'s options belong to which source (files, a Kafka range, a CloudWatch range):
 * an option given for another source than the chosen one is an argument error rather than silently ignored.
 */
public final class ReplaySourceOptions {

  private ReplaySourceOptions() {}

  /** The first option that belongs to another source, or a missing --ingest-config; null when all fit. */
  public static String problem(ParseResult parsed, boolean files, boolean cloudWatch, boolean hasIngestConfig) {
    boolean kafka = !files && !cloudWatch;
    for (String o : List.of("--bootstrap-servers", "--schema-registry", "--kafka-config", "--metrics-topic", "--logs-topic", "--publish")) {
      if (!kafka && parsed.hasMatchedOption(o)) {
        return o + " applies to a Kafka range (--from/--to without --cloudwatch), not to " + (files ? "--input files" : "--cloudwatch");
      }
    }
    for (String o : List.of("--ingest-config", "--endpoint-url")) {
      if (!cloudWatch && parsed.hasMatchedOption(o)) {
        return o + " applies to --cloudwatch, not to " + (files ? "--input files" : "a Kafka range");
      }
    }
    for (String o : List.of("--series", "--csv-namespace", "--csv-metric", "--csv-period")) {
      if (!files && parsed.hasMatchedOption(o)) {
        return o + " applies to --input files, not to " + (cloudWatch ? "--cloudwatch" : "a Kafka range");
      }
    }
    if (cloudWatch && !hasIngestConfig) {
      return "--cloudwatch needs --ingest-config INGEST.yaml: the ingest configuration whose metric selectors and log groups to read";
    }
    return null;
  }
}
