package io.watchstream.ingest.config;

/** Topic names; the checkpoint topic is compacted and holds watermarks and log checkpoints. */
public record TopicsConfig(String metrics, String logs, String checkpoints) {
  public TopicsConfig {
    metrics = metrics == null ? "metrics" : metrics;
    logs = logs == null ? "logs" : logs;
    checkpoints = checkpoints == null ? "ingest-checkpoints" : checkpoints;
  }
}
