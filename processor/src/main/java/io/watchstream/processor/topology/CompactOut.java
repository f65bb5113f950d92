package io.watchstream.processor.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The write side of the compact encodings of {@link InstanceStatesSerde}: a growable byte buffer with varints,
 * zigzag longs, big-endian doubles, nullable strings and repeat-aware topic names; avoids a stream per value.
 * {@link CompactIn} reads what this writes.
 */
final class CompactOut {
  private byte[] buf;
  private int pos;
  private String lastTopic;

  CompactOut(int capacity) {
    buf = new byte[capacity];
  }

  void reset() {
    pos = 0;
    lastTopic = null;
  }

  private void ensure(int n) {
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
    }
  }

  void b(byte v) {
    ensure(1);
    buf[pos++] = v;
  }

  void varint(int v) {
    varlong(v & 0xFFFFFFFFL);
  }

  void varlong(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[pos++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[pos++] = (byte) v;
  }

  void zlong(long v) {
    varlong((v << 1) ^ (v >> 63));
  }

  void dbl(double v) {
    ensure(8);
    long bits = Double.doubleToRawLongBits(v);
    for (int i = 7; i >= 0; i--) {
      buf[pos++] = (byte) (bits >>> (i * 8));
    }
  }

  /** A topic name: 0 when it repeats the previous one written into this value (lineage repeats it a lot). */
  void topic(String v) {
    if (v != null && v.equals(lastTopic)) {
      varlong(0);
      return;
    }
    lastTopic = v;
    if (v == null) {
      varlong(1);
    } else {
      raw(v, 2);
    }
  }

  void str(String v) {
    if (v == null) {
      varlong(0);
    } else {
      raw(v, 1);
    }
  }

  private void raw(String v, long offset) {
    byte[] bytes = v.getBytes(StandardCharsets.UTF_8); // for ASCII text the JDK copies its bytes in bulk
    varlong(bytes.length + offset);
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, pos, bytes.length);
    pos += bytes.length;
  }

  byte[] bytes() {
    return Arrays.copyOf(buf, pos);
  }
}
