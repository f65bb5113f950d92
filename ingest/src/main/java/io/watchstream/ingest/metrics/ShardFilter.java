package io.watchstream.ingest.metrics;

import com.google.common.hash.Hashing;
import java.nio.charset.StandardCharsets;

/**
 * Splits series and log sources across ingest instances by a stable hash of their identity, so every
 * instance with the same {@code count} agrees on who owns what, across restarts and JVM versions.
 */
public record ShardFilter(int index, int count) {

  public static final ShardFilter ALL = new ShardFilter(0, 1);

  public boolean owns(String identity) {
    if (count == 1) {
      return true;
    }
    int h = Hashing.murmur3_32_fixed().hashString(identity, StandardCharsets.UTF_8).asInt();
    return Math.floorMod(h, count) == index;
  }
}
