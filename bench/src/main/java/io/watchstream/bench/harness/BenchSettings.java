package io.watchstream.bench.harness;

/**
 * Workload sizes of one benchmark run. The defaults finish in under five minutes on a 2-core machine.
 *
 * @param series              metric series in the throughput workload (issue 4 asks for 10,000)
 * @param periods             60 s datapoints per series in the throughput workload
 * @param partitions          partitions of the benchmark's metrics topic
 * @param latencySamples      transitions timed for the alert latency figure
 * @param replayRecords       datapoints in the replay file
 * @param ingestSeries        series put into moto for the ingest figure
 * @param ingestPeriods       datapoints per ingest series
 * @param notifierAlerts      alerts delivered to the Slack stand-in for the notifier figure
 * @param serdeRecords        records encoded and decoded for the serde figure
 * @param peer                whether to run the Prometheus + Alertmanager detection latency comparison
 * @param throughputRounds    pass-through/processor pairs the throughput phase runs, alternating (A-B-A-B)
 */
public record BenchSettings(int series, int periods, int partitions, int latencySamples, int replayRecords,
                            int ingestSeries, int ingestPeriods, int notifierAlerts, int serdeRecords, boolean peer,
                            int throughputRounds) {

  public static BenchSettings defaults() {
    return new BenchSettings(10_000, 4, 4, 200, 1_000_000, 300, 5, 300, 500_000, true, 5);
  }
}
