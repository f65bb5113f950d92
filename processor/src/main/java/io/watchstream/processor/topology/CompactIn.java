package io.watchstream.processor.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The read side of the compact encodings of {@link InstanceStatesSerde} (see {@link CompactOut}). A read past the
 * end or an implausible length throws ({@link java.nio.BufferUnderflowException}, {@link IllegalArgumentException}),
 * which the serde reports as a corrupt value.
 */
final class CompactIn {
  private CompactIn() {}

  /** A collection's size, checked against what is left so a corrupt value cannot ask for a huge allocation. */
  static int count(ByteBuffer in) {
    long n = varlong(in);
    if (n < 0 || n > in.remaining() + 1L) {
      throw new IllegalArgumentException("implausible count " + n);
    }
    return (int) n;
  }

  static String str(ByteBuffer in) {
    long len = varlong(in) - 1; // 0 encodes null
    return len < 0 ? null : utf8(in, len);
  }

  /** A topic name as {@link CompactOut#topic} wrote it; {@code lastTopic[0]} carries the previous one of the value. */
  static String topic(ByteBuffer in, String[] lastTopic) {
    long ref = varlong(in);
    if (ref == 0) {
      return lastTopic[0];
    }
    String topic = ref == 1 ? null : utf8(in, ref - 2);
    lastTopic[0] = topic;
    return topic;
  }

  static String utf8(ByteBuffer in, long len) {
    if (len > in.remaining()) {
      throw new IllegalArgumentException("string longer than the value");
    }
    String v = new String(in.array(), in.arrayOffset() + in.position(), (int) len, StandardCharsets.UTF_8);
    in.position(in.position() + (int) len);
    return v;
  }

  static long zlong(ByteBuffer in) {
    long z = varlong(in);
    return (z >>> 1) ^ -(z & 1);
  }

  static long varlong(ByteBuffer in) {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      byte b = in.get();
      v |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        return v;
      }
    }
    throw new IllegalArgumentException("varint longer than 10 bytes");
  }
}
