package io.watchstream.ingest.config;

/** The /health and /metrics endpoint; port 0 picks a free port, -1 disables it. */
public record HttpConfig(String host, Integer port) {
  public HttpConfig {
    host = host == null ? "0.0.0.0" : host;
    port = port == null ? 9464 : port;
  }
}
