package io.watchstream.replay;

import io.watchstream.processor.rules.LoadedRule;
import java.util.List;

/** Runs one rule set over replay input through the processor's rule processors and returns what they produced. */
public interface ReplayEngine {

  /**
   * @param input records in event-time order (one clock for every series); never empty
   * @throws ReplayInputException when the input cannot be replayed
   */
  default RunResult run(String label, List<LoadedRule> rules, List<? extends ReplayRecord> input) {
    return run(label, rules, input, Long.MIN_VALUE);
  }

  /**
   * @param horizon event time (epoch ms) to evaluate up to when it lies beyond the last record (the end of a
   *     time range); {@code Long.MIN_VALUE}: the last record's timestamp
   */
  RunResult run(String label, List<LoadedRule> rules, List<? extends ReplayRecord> input, long horizon);
}
