package io.watchstream.notifier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.notifier.delivery.OffsetTracker.Position;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class OffsetTrackerTest {

  private final TopicPartition p0 = new TopicPartition("alerts", 0);
  private final OffsetTracker tracker = new OffsetTracker();

  private long committable() {
    return tracker.committable().get(p0).offset();
  }

  @Test
  void handledRecordsAreCommittedOnePastTheLast() {
    tracker.handled(new Position(p0, 0));
    tracker.handled(new Position(p0, 1));
    assertThat(committable()).isEqualTo(2);
  }

  @Test
  void aRecordHeldInAGroupWaitHoldsBackTheCommitUntilReleased() {
    Position held = new Position(p0, 5);
    tracker.hold(held);
    tracker.handled(held);
    tracker.handled(new Position(p0, 6));
    tracker.handled(new Position(p0, 7));
    assertThat(committable()).isEqualTo(5);
    tracker.release(held);
    assertThat(committable()).isEqualTo(8);
  }

  @Test
  void aRecordHeldForTwoChannelsNeedsBothReleases() {
    Position p = new Position(p0, 3);
    tracker.hold(p);
    tracker.hold(p);
    tracker.handled(p);
    tracker.release(p);
    assertThat(committable()).isEqualTo(3);
    tracker.release(p);
    assertThat(committable()).isEqualTo(4);
  }

  @Test
  void unchangedOffsetsAreNotCommittedAgainAndRevokedPartitionsAreForgotten() {
    tracker.handled(new Position(p0, 0));
    tracker.committed(tracker.committable());
    assertThat(tracker.committable()).isEmpty();
    tracker.revoke(List.of(p0));
    tracker.handled(new Position(p0, 9));
    assertThat(committable()).isEqualTo(10);
  }
}
