package io.watchstream.notifier.ops;

import java.util.HashMap;
import java.util.Map;

/** Sample values from Prometheus text output, keyed by the sample as written: {@code name{label="v",...}}. */
public final class PrometheusText {

  private PrometheusText() {
  }

  public static Map<String, Double> samples(String text) {
    Map<String, Double> out = new HashMap<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      int space = line.lastIndexOf(' ');
      out.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
    }
    return out;
  }
}
