package io.watchstream.ingest.config;

/** This instance's share of the series and log sources: those whose stable hash modulo {@code count} is {@code index}. */
public record ShardConfig(Integer index, Integer count) {
  public ShardConfig {
    index = index == null ? 0 : index;
    count = count == null ? 1 : count;
  }
}
