package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;

/** One part of the benchmark; adds its rows to the context's table. */
public interface Phase {

  String name();

  void run(BenchContext context) throws Exception;
}
