package io.watchstream.runtime.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a hand-edited file as UTF-8 text, refusing it with {@link ConfigException} where it is not: at the line and
 * column of the first byte that is not UTF-8 (a file saved as Latin-1, a binary pasted in), never by replacing the
 * byte with something the file did not say. A leading byte-order mark is dropped, as editors write one. Where the
 * bad byte is comes from {@link io.watchstream.schemas.TextFiles}, which the line readers of replay input share.
 */
public final class ConfigText {

  private ConfigText() {
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
    try {
      String text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
      return io.watchstream.schemas.TextFiles.withoutByteOrderMark(text);
    } catch (CharacterCodingException e) {
      io.watchstream.schemas.TextFiles.Position at = io.watchstream.schemas.TextFiles.firstNotUtf8(bytes);
      throw new ConfigException(List.of(at == null
          ? new ConfigProblem(source, 0, 0, "", "is not UTF-8 text: save the file as UTF-8")
          : new ConfigProblem(source, (int) at.line(), at.column(), "",
              String.format("is not UTF-8 text (byte 0x%02X here): save the file as UTF-8", at.badByte()))));
    }
  }
}
