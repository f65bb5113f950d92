package io.watchstream.bench.faults;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Samples a Kafka Streams client every 20 ms from a daemon thread: every change of {@link KafkaStreams#state()} (with
 * the wall-clock time it was seen), and every distinct stream thread ({@code <client-id>-StreamThread-N} whose name
 * contains the application id) by its JVM thread id. Kafka Streams gives a replacement thread the number of the one
 * it replaces, but a thread id is never reused, so {@code distinct - configured} is the number of replaced threads.
 */
final class StreamsWatch implements AutoCloseable {

  /** A state seen from {@code atMillis} (wall clock). */
  record Change(long atMillis, KafkaStreams.State state) {}

  private static final Pattern STREAM_THREAD = Pattern.compile("-StreamThread-\\d+$");

  private final KafkaStreams streams;
  private final String applicationId;
  private final List<Change> changes = new ArrayList<>();
  private final Thread sampler;
  private volatile boolean running = true;
  private final java.util.Set<Long> streamThreadIds = new java.util.HashSet<>();

  StreamsWatch(KafkaStreams streams, String applicationId) {
    this.streams = streams;
    this.applicationId = applicationId;
    this.sampler = new Thread(this::sample, "streams-watch");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    while (running) {
      record(streams.state());
      for (Thread t : liveThreads()) {
        Matcher m = STREAM_THREAD.matcher(t.getName());
        if (t.getName().contains(applicationId) && m.find()) {
          synchronized (this) {
            streamThreadIds.add(t.getId());
          }
        }
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  /** Every live thread of the JVM, without the cost of their stack traces. */
  private static Thread[] liveThreads() {
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() * 2 + 16];
    int n = root.enumerate(threads, true);
    return java.util.Arrays.copyOf(threads, n);
  }

  private synchronized void record(KafkaStreams.State state) {
    if (changes.isEmpty() || changes.get(changes.size() - 1).state() != state) {
      changes.add(new Change(System.currentTimeMillis(), state));
    }
  }

  synchronized List<Change> changes() {
    return List.copyOf(changes);
  }

  /** How many distinct stream threads this client has run so far. */
  synchronized int streamThreadsSeen() {
    return streamThreadIds.size();
  }

  /** Every change after the client first reached RUNNING. */
  synchronized List<Change> afterFirstRunning() {
    for (int i = 0; i < changes.size(); i++) {
      if (changes.get(i).state() == KafkaStreams.State.RUNNING) {
        return List.copyOf(changes.subList(i + 1, changes.size()));
      }
    }
    return List.of();
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.interrupt();
    sampler.join(5_000);
  }
}
