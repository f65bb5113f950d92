package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;
import io.watchstream.bench.harness.StreamsRunner;
import io.watchstream.schemas.Topics;

/** The live processor as the benchmark drives it: publish the benchmark rules, then consume the whole metrics topic. */
public interface ProcessorUnderTest {

  StreamsRunner.Consumed consumeAll(BenchContext context, Topics topics, int series) throws Exception;
}
