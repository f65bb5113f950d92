package io.watchstream.bench.phases;

import io.watchstream.bench.harness.BenchContext;

/** One part of the benchmark; adds its rows to the context's table. */
public interface Phase {

  String name();

  /** Called just before {@link #run}, so what it starts (a peer, its services) runs during this phase only. */
  default void prepare(BenchContext context) throws Exception {
  }

  void run(BenchContext context) throws Exception;
}
