package io.watchstream.schemas;

import org.apache.kafka.common.serialization.Serde;

/** One topic of the catalogue: its name and the serdes of its keys and values. */
public record TopicSpec<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {}
