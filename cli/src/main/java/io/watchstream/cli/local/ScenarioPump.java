package io.watchstream.cli.local;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the scenario playing in real time: every {@code periodSeconds} it hands the current time to a
 * "write what is due" step ({@link ScenarioSeeder#playUntil} or {@link KafkaScenarioReplayer#playUntil}). A failed
 * step is logged and simply retried on the next tick: nothing is marked written unless the write succeeded.
 */
public final class ScenarioPump implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ScenarioPump.class);

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "local-scenario");
    t.setDaemon(true);
    return t;
  });

  public ScenarioPump(Consumer<Instant> playUntil, int periodSeconds) {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        playUntil.accept(Instant.now());
      } catch (RuntimeException e) {
        log.warn("scenario step failed, retrying on the next tick: {}", e.toString());
      }
    }, periodSeconds, periodSeconds, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    scheduler.shutdownNow();
    scheduler.awaitTermination(5, TimeUnit.SECONDS);
  }
}
