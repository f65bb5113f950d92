package io.watchstream.processor.logs;

import java.util.ArrayList;
import java.util.List;

/** Splits a line into fields the way CloudWatch's space-delimited filters do: "quoted" and [bracketed] runs are one field. */
final class SpaceDelimited {

  static List<String> split(String line) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = line.length();
    while (i < n) {
      char c = line.charAt(i);
      if (c == ' ' || c == '\t') {
        i++;
        continue;
      }
      int start = i;
      if (c == '"' || c == '[') {
        char close = c == '"' ? '"' : ']';
        int end = line.indexOf(close, i + 1);
        if (end < 0) {
          end = n - 1;
        }
        out.add(line.substring(start + 1, Math.max(start + 1, end)));
        i = end + 1;
      } else {
        while (i < n && line.charAt(i) != ' ' && line.charAt(i) != '\t') {
          i++;
        }
        out.add(line.substring(start, i));
      }
    }
    return out;
  }

  private SpaceDelimited() {}
}
