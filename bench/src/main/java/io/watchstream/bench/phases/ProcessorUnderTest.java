package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.harness.StreamsRunner;
import io.watchstream.schemas.Topics;

/**
 * The live processor as the benchmark drives it: publish the benchmark rules (round 0 only), then consume the whole
 * metrics topic under an application id and state directory of its own for each round.
 */
public interface ProcessorUnderTest {

  StreamsRunner.Consumed consumeAll(BenchContext context, Topics topics, int series, int round) throws Exception;
}
