package io.watchstream.cli.local;

import io.watchstream.pipeline.Pipeline;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/** One status line per service as the {@link Pipeline} starts it, saying where to look. */
final class ServiceStatus implements Pipeline.Listener {

  private final StatusLine status;
  private final Pipeline pipeline;
  private final Path rulesFile;
  private final String notifierTarget;
  private final Optional<URI> moto;

  ServiceStatus(StatusLine status, Pipeline pipeline, Path rulesFile, String notifierTarget, Optional<URI> moto) {
    this.status = status;
    this.pipeline = pipeline;
    this.rulesFile = rulesFile;
    this.notifierTarget = notifierTarget;
    this.moto = moto;
  }

  @Override
  public void starting(Pipeline.Service service) {
    switch (service) {
      case TOPICS -> { }
      case PROCESSOR -> status.begin("processor (Kafka Streams, exactly-once; rules from " + rulesFile + ")");
      case NOTIFIER -> status.begin("notifier (Slack, Auto Scaling)");
      case INGEST -> status.begin("ingest (CloudWatch + CloudWatch Logs -> metrics, logs)");
    }
  }

  @Override
  public void started(Pipeline.Service service) {
    switch (service) {
      case TOPICS -> { }
      case PROCESSOR -> {
        String base = "http://127.0.0.1:" + pipeline.processor().orElseThrow().httpPort();
        status.done("state of every rule and series on " + base + "/state, rules on " + base + "/rules, "
            + base + "/health and " + base + "/metrics");
      }
      case NOTIFIER -> {
        String base = "http://127.0.0.1:" + pipeline.notifier().orElseThrow().httpPort();
        status.done(notifierTarget + "; " + base + "/health and " + base + "/metrics");
      }
      case INGEST -> {
        String base = "http://127.0.0.1:" + pipeline.ingest().orElseThrow().httpPort();
        status.done("polling " + moto.map(URI::toString).orElse("") + "; " + base + "/health and " + base + "/metrics");
      }
    }
  }
}
