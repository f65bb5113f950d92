package io.watchstream.processor.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The processor's answer to a stream thread that died: always replace it, never close the client. Under
 * exactly-once the dead thread's transaction was aborted and the replacement resumes from the last commit, so
 * nothing is lost or duplicated; closing the client instead would stop alerting for every rule until a person
 * restarts it. A failure that keeps coming back is slowed down, not obeyed: each replacement within
 * {@link ProcessorOpsConfig#replacedRecentlyFor()} of the previous one waits twice as long first (up to
 * {@link ProcessorOpsConfig#maxReplaceBackoff()}), and health stays DEGRADED with the cause while
 * replacements are recent. Counts feed {@code watchstream_processor_thread_replacements_total}.
 *
 * <p>Data-dependent failures are meant never to get here (dead-letter handlers, rule isolation); this is the
 * net for what they miss and for outages that outlast the clients' own retries.
 */
public final class ThreadReplacements implements StreamsUncaughtExceptionHandler {
  private static final Logger LOG = LoggerFactory.getLogger(ThreadReplacements.class);

  /** The latest replacement: when, of what failure (class and a bounded message), and how many in a row. */
  public record Replacement(Instant at, String failure, int inARow) {}

  private final ProcessorOpsConfig ops;
  private final Clock clock;
  private final AtomicLong total = new AtomicLong();
  private volatile Replacement last;

  public ThreadReplacements(ProcessorOpsConfig ops) {
    this(ops, Clock.systemUTC());
  }

  ThreadReplacements(ProcessorOpsConfig ops, Clock clock) {
    this.ops = ops;
    this.clock = clock;
  }

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    Instant now = clock.instant();
    Replacement previous = last;
    int inARow = previous != null && Duration.between(previous.at(), now).compareTo(ops.replacedRecentlyFor()) <= 0
        ? previous.inARow() + 1 : 1;
    Duration wait = backoff(inARow);
    last = new Replacement(now, describe(exception), inARow);
    total.incrementAndGet();
    LOG.error("Stream thread failed ({} in a row); replacing it in {} ms", inARow, wait.toMillis(), exception);
    sleep(wait);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  Duration backoff(int inARow) {
    long ms = ops.firstReplaceBackoff().toMillis();
    for (int i = 1; i < inARow && ms < ops.maxReplaceBackoff().toMillis(); i++) {
      ms *= 2;
    }
    return Duration.ofMillis(Math.min(ms, ops.maxReplaceBackoff().toMillis()));
  }

  /** The latest replacement if it is recent enough to keep health DEGRADED. */
  public Optional<Replacement> recent() {
    Replacement r = last;
    return r != null && Duration.between(r.at(), clock.instant()).compareTo(ops.replacedRecentlyFor()) <= 0
        ? Optional.of(r) : Optional.empty();
  }

  /** Stream threads replaced since start. */
  public long total() {
    return total.get();
  }

  /** Class and the first line of the message, bounded: messages can quote input, which is untrusted. */
  static String describe(Throwable t) {
    Throwable root = t;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    if (message.length() > 200) {
      message = message.substring(0, 200) + "...";
    }
    return root.getClass().getName() + ": " + message.replaceAll("\\p{Cntrl}", "?");
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
