package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;

/**
 * Watchstream's side of the peer comparison: the processor and the notifier running with one rule equivalent to
 * the peer's ({@code CPUUtilization Average 60 s > 50, 1 of 1}) and the Slack stand-in's {@code /webhook/watchstream}
 * as the incoming-webhook URL.
 */
public interface WatchstreamPipeline extends AutoCloseable {

  void start(BenchContext context) throws Exception;

  /** Writes one datapoint with {@code value} for {@code instanceId} to the pipeline's metrics topic, now. */
  void injectSpike(BenchContext context, String instanceId, double value) throws Exception;

  @Override
  void close();
}
