package io.watchstream.runtime.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class CompactedTopicReaderTest {

  private static final String TOPIC = "state";
  private final TopicPartition p0 = new TopicPartition(TOPIC, 0);
  private final TopicPartition p1 = new TopicPartition(TOPIC, 1);
  private final MockConsumer<String, String> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());

  private void twoPartitions() {
    Node n = new Node(0, "localhost", 9092);
    consumer.updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, n, new Node[0], new Node[0]),
        new PartitionInfo(TOPIC, 1, n, new Node[0], new Node[0])));
    consumer.updateBeginningOffsets(Map.of(p0, 0L, p1, 0L));
  }

  private void add(TopicPartition tp, long offset, String key, String value) {
    consumer.addRecord(new ConsumerRecord<>(TOPIC, tp.partition(), offset, key, value));
  }

  @Test
  void readsEveryPartitionToItsEndIncludingTombstones() {
    twoPartitions();
    consumer.updateEndOffsets(Map.of(p0, 3L, p1, 1L));
    CompactedTopicReader<String, String> reader = new CompactedTopicReader<>(consumer, TOPIC);
    Map<String, String> table = new LinkedHashMap<>();
    List<String> seen = new ArrayList<>();
    // MockConsumer only takes records for assigned partitions: schedule them for the first poll
    consumer.schedulePollTask(() -> {
      add(p0, 0, "a", "1");
      add(p0, 1, "b", "2");
      add(p0, 2, "a", null);
      add(p1, 0, "c", "3");
    });
    int read = reader.catchUp(Duration.ofSeconds(5), (k, v) -> {
      seen.add(k + "=" + v);
      if (v == null) {
        table.remove(k);
      } else {
        table.put(k, v);
      }
    });
    assertThat(read).isEqualTo(4);
    assertThat(seen).contains("a=null");
    assertThat(table).containsOnly(Map.entry("b", "2"), Map.entry("c", "3"));
    assertThat(consumer.assignment()).containsExactlyInAnyOrder(p0, p1);
  }

  @Test
  void aLaterCatchUpContinuesWhereTheLastStopped() {
    twoPartitions();
    consumer.updateEndOffsets(Map.of(p0, 1L, p1, 0L));
    CompactedTopicReader<String, String> reader = new CompactedTopicReader<>(consumer, TOPIC);
    consumer.schedulePollTask(() -> add(p0, 0, "a", "1"));
    List<String> seen = new ArrayList<>();
    reader.catchUp(Duration.ofSeconds(5), (k, v) -> seen.add(k));
    consumer.updateEndOffsets(Map.of(p0, 2L, p1, 0L));
    consumer.schedulePollTask(() -> add(p0, 1, "b", "2"));
    assertThat(reader.catchUp(Duration.ofSeconds(5), (k, v) -> seen.add(k))).isEqualTo(1);
    assertThat(seen).containsExactly("a", "b");
  }

  @Test
  void anEmptyTopicIsReadAtOnce() {
    twoPartitions();
    consumer.updateEndOffsets(Map.of(p0, 0L, p1, 0L));
    assertThat(new CompactedTopicReader<>(consumer, TOPIC).catchUp(Duration.ofSeconds(1), (k, v) -> { })).isZero();
  }

  @Test
  void notReachingTheEndInTimeIsAnError() {
    twoPartitions();
    consumer.updateEndOffsets(Map.of(p0, 5L, p1, 0L));
    assertThatThrownBy(() -> new CompactedTopicReader<>(consumer, TOPIC).catchUp(Duration.ofMillis(300), (k, v) -> { }))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("could not read topic state to its end");
  }

  @Test
  void aTopicWithoutPartitionsIsAnError() {
    assertThatThrownBy(() -> new CompactedTopicReader<>(consumer, TOPIC).catchUp(Duration.ofMillis(200), (k, v) -> { }))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no partitions");
  }
}
