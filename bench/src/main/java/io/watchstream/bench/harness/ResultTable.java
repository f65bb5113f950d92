package io.watchstream.bench.harness;

import java.util.ArrayList;
import java.util.List;

/**
 * The one table the harness prints: one row per measured figure, in the order measured. Rendered as a
 * Markdown table so the same text goes to the console and into {@code BENCHMARKS.md}.
 */
public final class ResultTable {

  /** One figure: what was measured, its value with unit, and how (workload, conditions). */
  public record Row(String measure, String value, String detail) {}

  private final List<Row> rows = new ArrayList<>();

  public synchronized void add(String measure, String value, String detail) {
    rows.add(new Row(measure, value, detail));
    System.out.printf("[bench] %-48s %-22s %s%n", measure, value, detail);
  }

  public synchronized List<Row> rows() {
    return List.copyOf(rows);
  }

  public synchronized String markdown() {
    StringBuilder out = new StringBuilder();
    out.append("| measure | value | how |\n|---|---:|---|\n");
    for (Row r : rows) {
      out.append("| ").append(escape(r.measure())).append(" | ").append(escape(r.value()))
          .append(" | ").append(escape(r.detail())).append(" |\n");
    }
    return out.toString();
  }

  private static String escape(String cell) {
    return cell.replace("|", "\\|").replace("\n", " ");
  }
}
