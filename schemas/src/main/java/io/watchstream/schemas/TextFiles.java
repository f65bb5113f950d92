package io.watchstream.schemas;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What line-oriented input readers need to say where a text file went wrong, found after the fact so the fast path
 * (a {@code BufferedReader}) stays as it is: where the first byte that is not UTF-8 is, and whether the file stops
 * in the middle of a line.
 */
public final class TextFiles {

  /** The UTF-8 byte-order mark as the reader decodes it; editors on Windows write it at the start of a file. */
  public static final char BYTE_ORDER_MARK = '\uFEFF';

  /** Line (from 1) and column (in characters, from 1) of a position in a text file, with the byte found there. */
  public record Position(long line, int column, int badByte) {}

  private TextFiles() {}

  /** {@code text} without a leading byte-order mark. */
  public static String withoutByteOrderMark(String text) {
    return !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
  }

  /**
   * Where the first byte sequence of {@code file} that is not UTF-8 starts, or null when there is none or the file
   * cannot be read again. A reader decodes ahead of the line it returns, so its own exception cannot say.
   */
  public static Position firstNotUtf8(Path file) {
    try {
      return firstNotUtf8(Files.readAllBytes(file));
    } catch (IOException e) {
      return null;
    }
  }

  /** Where the first byte sequence of {@code bytes} that is not UTF-8 starts, or null when there is none. */
  public static Position firstNotUtf8(byte[] bytes) {
    long line = 1;
    int start = 0;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, start, i - start);
        CharBuffer out = CharBuffer.allocate(i - start + 1);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
          return new Position(line, out.position() + 1, bytes[in.position()] & 0xFF);
        }
        line++;
        start = i + 1;
      }
    }
    return null;
  }

  /** Whether {@code file} is non-empty and its last byte ends no line: it was cut short or is still being written. */
  public static boolean endsMidLine(Path file) {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long length = f.length();
      if (length == 0) {
        return false;
      }
      f.seek(length - 1);
      int last = f.read();
      return last != '\n' && last != '\r';
    } catch (IOException e) {
      return false;
    }
  }

  /** The message for a file whose {@code position} is not UTF-8; says what to do about it. */
  public static String notUtf8(Position position) {
    return String.format("not UTF-8 text: byte 0x%02X cannot start or continue a character here (save the file as UTF-8;"
        + " or is it binary or compressed?)", position.badByte());
  }
}
