package io.watchstream.ingest.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Unmodifiable copies that keep null entries, so the validator can report "- " or "InstanceId:" with
 * no value as a readable problem instead of a NullPointerException from List.copyOf.
 */
final class UnmodifiableCopies {
  private UnmodifiableCopies() {}

  static <T> List<T> copy(List<T> list) {
    return Collections.unmodifiableList(new ArrayList<>(list));
  }

  static <K, V> Map<K, V> copy(Map<K, V> map) {
    return Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
