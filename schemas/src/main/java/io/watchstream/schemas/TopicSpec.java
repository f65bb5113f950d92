package io.watchstream.schemas;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/** One topic of the catalogue: its name and the serdes of its keys and values. */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  /** The same serdes on another topic (a late-data, dead-letter or repartition topic written with them). */
  public TopicSpec<K, V> on(String otherTopic) {
    return new TopicSpec<>(otherTopic, keySerde, valueSerde);
  }

  /**
   * Registers the Avro key and value schemas under this topic's subjects (waiting out a registry outage as the
   * client's retry policy says), so writing here never needs the registry; returns the subjects registered.
   */
  public List<String> registerForWriting() {
    List<String> subjects = new ArrayList<>(2);
    for (Serde<?> serde : List.of(keySerde, valueSerde)) {
      if (serde instanceof AvroSerde<?> avro) {
        avro.registerFor(name);
        subjects.add(avro.subject(name));
      }
    }
    return subjects;
  }

  /**
   * Fetches the latest key and value schemas of this topic's subjects (those that exist), so reading records
   * written with them never needs the registry later; returns the subjects found.
   */
  public List<String> prefetchForReading() {
    List<String> subjects = new ArrayList<>(2);
    for (Serde<?> serde : List.of(keySerde, valueSerde)) {
      if (serde instanceof AvroSerde<?> avro && avro.prefetchLatest(name)) {
        subjects.add(avro.subject(name));
      }
    }
    return subjects;
  }
}
