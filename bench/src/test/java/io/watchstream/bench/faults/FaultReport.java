package io.watchstream.bench.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault suite's summary: every fault test records what it injected, what it expected and what it observed.
 * The table is printed when the test JVM exits and written to {@code target/fault-summary.md}.
 */
final class FaultReport {

  record Row(String fault, String injected, String expected, String observed, boolean passed) {}

  private static final List<Row> ROWS = new ArrayList<>();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(FaultReport::print, "fault-report"));
  }

  private FaultReport() {
  }

  static synchronized void record(String fault, String injected, String expected, String observed, boolean passed) {
    ROWS.add(new Row(fault, injected, expected, observed, passed));
    System.out.printf("[faults] %s: %s -> %s%n", fault, observed, passed ? "PASS" : "FAIL");
  }

  static synchronized String markdown() {
    StringBuilder out = new StringBuilder("| fault | injected | expected | observed | outcome |\n|---|---|---|---|---|\n");
    for (Row r : ROWS) {
      out.append("| ").append(r.fault()).append(" | ").append(r.injected()).append(" | ").append(r.expected())
          .append(" | ").append(r.observed()).append(" | ").append(r.passed() ? "PASS" : "FAIL").append(" |\n");
    }
    return out.toString();
  }

  private static synchronized void print() {
    if (ROWS.isEmpty()) {
      return;
    }
    String table = markdown();
    System.out.println("\nFault-injection summary\n" + table);
    try {
      Path target = Path.of("target");
      if (Files.isDirectory(target)) {
        Files.writeString(target.resolve("fault-summary.md"), table, StandardCharsets.UTF_8,
            StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
      }
    } catch (IOException e) {
      System.err.println("could not write target/fault-summary.md: " + e);
    }
  }
}
