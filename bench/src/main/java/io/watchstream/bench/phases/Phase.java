package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;

/** One part of the benchmark; adds its rows to the context's table. */
public interface Phase {

  String name();

  /** Called for every selected phase before the first phase runs, e.g. to start a peer that must warm up. */
  default void prepare(BenchContext context) throws Exception {
  }

  void run(BenchContext context) throws Exception;
}
