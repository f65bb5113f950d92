package io.watchstream.replay.nab;

import java.util.List;

/**
 * NAB application profile: the weights of a true positive, a false positive and a missed window.
 * The three profiles of the benchmark are constants; scores under different profiles are not comparable.
 */
public record CostProfile(String name, double tpWeight, double fpWeight, double fnWeight) {

  public static final CostProfile STANDARD = new CostProfile("standard", 1.0, 0.11, 1.0);
  public static final CostProfile REWARD_LOW_FP_RATE = new CostProfile("reward_low_FP_rate", 1.0, 0.22, 1.0);
  public static final CostProfile REWARD_LOW_FN_RATE = new CostProfile("reward_low_FN_rate", 1.0, 0.11, 2.0);

  /** The benchmark's three profiles, standard first. */
  public static List<CostProfile> all() {
    return List.of(STANDARD, REWARD_LOW_FP_RATE, REWARD_LOW_FN_RATE);
  }
}
