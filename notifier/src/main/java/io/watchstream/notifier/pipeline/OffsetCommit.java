package io.watchstream.notifier.pipeline;

import io.watchstream.notifier.delivery.OffsetTracker;
import io.watchstream.notifier.delivery.OffsetTracker.Position;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last stage: commits consumer offsets up to what was delivered. Records held in a group wait stay uncommitted
 * ({@link #hold}) until the notification that carries them is delivered or the wait ends without one
 * ({@link #release}); committing never skips an undelivered record ({@link OffsetTracker}).
 */
public final class OffsetCommit {

  private static final Logger LOG = LoggerFactory.getLogger(OffsetCommit.class);

  private final OffsetTracker tracker = new OffsetTracker();

  public void handled(Position position) {
    tracker.handled(position);
  }

  public void hold(Position position) {
    tracker.hold(position);
  }

  public void release(Collection<Position> positions) {
    positions.forEach(tracker::release);
  }

  /** Commits what may be committed; a commit the group refuses is dropped (the records come back, de-duplicated). */
  public void commit(Consumer<?, ?> consumer) {
    Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
    if (!offsets.isEmpty() && consumer != null) {
      try {
        consumer.commitSync(offsets);
        tracker.committed(offsets);
      } catch (CommitFailedException | RebalanceInProgressException e) {
        // Out of the group after a long wait for Slack or SNS: the next poll rejoins, whoever owns the partitions
        // then reads these records again and finds them delivered in the state topic.
        LOG.warn("Offset commit refused by the group ({}); the records will be redelivered and de-duplicated",
            e.getClass().getSimpleName());
      }
    }
  }

  /** Forgets partitions this instance no longer owns. */
  public void revoke(Collection<TopicPartition> partitions) {
    tracker.revoke(partitions);
  }
}
