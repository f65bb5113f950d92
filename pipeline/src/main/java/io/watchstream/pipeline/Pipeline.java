package io.watchstream.pipeline;

import io.watchstream.ingest.IngestService;
import io.watchstream.notifier.NotifierFactory;
import io.watchstream.notifier.NotifierHooks;
import io.watchstream.notifier.NotifierService;
import io.watchstream.processor.app.ProcessorApp;
import io.watchstream.processor.app.RulePublisher;
import io.watchstream.runtime.kafka.TopicSetup;
import io.watchstream.schemas.TopicCatalogue;
import io.watchstream.schemas.TopicNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services of one {@link PipelinePlan} in this JVM, started in the order that loses nothing — every topic of the
 * catalogue, then the processor (after publishing its rules; it registers the subjects it writes), then the notifier,
 * then ingest, so each consumer is up before its producer — and closed in reverse.
 */
public final class Pipeline implements AutoCloseable {

  /** A service, in start order. */
  public enum Service { TOPICS, PROCESSOR, NOTIFIER, INGEST }

  /** Told before and after each service starts (local mode prints a status line for each). */
  public interface Listener {
    Listener NONE = new Listener() {};

    default void starting(Service service) {}

    default void started(Service service) {}
  }

  private static final Logger log = LoggerFactory.getLogger(Pipeline.class);
  private static final Duration NOTIFIER_START = Duration.ofSeconds(60);
  private static final Duration THREAD_STOP = Duration.ofSeconds(30);

  private final PipelinePlan plan;
  private final StartedParts started = new StartedParts((name, e) -> log.warn("stopping {} failed: {}", name, e.toString()));
  private volatile ProcessorApp processor;
  private volatile NotifierService notifier;
  private volatile IngestService ingest;

  public Pipeline(PipelinePlan plan) {
    this.plan = plan;
  }

  /** Starts {@code plan} and returns it running; throws (after closing what had started) if a service cannot start. */
  public static Pipeline start(PipelinePlan plan) {
    return new Pipeline(plan).start(Listener.NONE);
  }

  /** Starts every service of the plan in order; on a failure closes what had started and rethrows. */
  public Pipeline start(Listener listener) {
    try {
      listener.starting(Service.TOPICS);
      ensureTopics(plan.bootstrapServers(), plan.topics().names(), plan.dataPartitions());
      listener.started(Service.TOPICS);
      if (plan.processor().isPresent()) {
        listener.starting(Service.PROCESSOR);
        processor = startProcessor(plan.processor().get());
        listener.started(Service.PROCESSOR);
      }
      if (plan.notifier().isPresent()) {
        listener.starting(Service.NOTIFIER);
        notifier = startNotifier(plan.notifier().get());
        listener.started(Service.NOTIFIER);
      }
      if (plan.ingest().isPresent()) {
        listener.starting(Service.INGEST);
        ingest = started.push("ingest", new IngestService(plan.ingest().get(), Clock.systemUTC()).start());
        loop("ingest", ingest::runUntilStopped);
        listener.started(Service.INGEST);
      }
      return this;
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Creates every missing topic of the catalogue under {@code names} (tables with one partition). */
  public static void ensureTopics(String bootstrapServers, TopicNames names, int dataPartitions) {
    TopicSetup.ensure(Map.of("bootstrap.servers", bootstrapServers), names, TopicCatalogue.definitions(),
        TopicSetup.Settings.of(dataPartitions));
  }

  private ProcessorApp startProcessor(PipelinePlan.Processor spec) {
    if (!spec.rules().isEmpty()) {
      new RulePublisher(plan.bootstrapServers(), plan.topics().rules()).publish(spec.rules());
    }
    ProcessorApp app = started.push("processor", new ProcessorApp(spec.config(), plan.topics()));
    try {
      app.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the processor", e);
    }
    return app;
  }

  private NotifierService startNotifier(PipelinePlan.Notifier spec) {
    NotifierService service = NotifierFactory.create(spec.config(), spec.env(), Clock.systemUTC(), NotifierHooks.NONE);
    Thread thread = loop("notifier", service);
    started.push("notifier", () -> {
      service.close();
      thread.join(THREAD_STOP.toMillis());
    });
    try {
      if (!service.awaitStarted(NOTIFIER_START)) {
        throw new IllegalStateException("the notifier did not start within " + NOTIFIER_START.toSeconds() + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the notifier", e);
    }
    return service;
  }

  private static Thread loop(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  public Optional<ProcessorApp> processor() {
    return Optional.ofNullable(processor);
  }

  public Optional<NotifierService> notifier() {
    return Optional.ofNullable(notifier);
  }

  public Optional<IngestService> ingest() {
    return Optional.ofNullable(ingest);
  }

  /** Stops every started service, newest first (ingest, notifier, processor); idempotent. */
  @Override
  public void close() {
    started.close();
  }
}
