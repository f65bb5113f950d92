package io.watchstream.runtime.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a hand-edited file as UTF-8 text, refusing it with {@link ConfigException} where it is not: at the line and
 * column of the first byte that is not UTF-8 (a file saved as Latin-1, a binary pasted in), never by replacing the
 * byte with something the file did not say. A leading byte-order mark is dropped, as editors write one.
 */
public final class TextFiles {

  private TextFiles() {
  }

  public static String readUtf8(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw ConfigException.of(file.toString(), "cannot be read (" + e.getClass().getSimpleName() + ")", null);
    }
    return decode(bytes, file.toString());
  }

  /** {@code bytes} as text; {@code source} names them in a problem. */
  public static String decode(byte[] bytes, String source) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      throw new ConfigException(List.of(notUtf8(bytes, in.position(), source)));
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static ConfigProblem notUtf8(byte[] bytes, int offset, String source) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = 1;
    for (int i = lineStart; i < offset; i++) {
      if ((bytes[i] & 0xC0) != 0x80) {
        column++; // count characters, not the continuation bytes of one
      }
    }
    return new ConfigProblem(source, line, column, "", String.format(
        "is not UTF-8 text (byte 0x%02X here): save the file as UTF-8", bytes[offset] & 0xFF));
  }
}
