package io.watchstream.ingest.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Packs series into as few GetMetricData calls as possible: series are grouped by period (one call has
 * one start time, aligned to its period) and each group is cut into batches of at most
 * {@code maxQueriesPerCall} (500 is the API's limit). 10,000 series at one period take 20 calls.
 */
public final class QueryBatcher {

  private QueryBatcher() {}

  public static Map<Integer, List<QueryBatch>> byPeriod(Collection<SeriesId> series, int maxQueriesPerCall) {
    Map<Integer, List<SeriesId>> groups = new TreeMap<>();
    for (SeriesId s : series) {
      groups.computeIfAbsent(s.periodSeconds(), p -> new ArrayList<>()).add(s);
    }
    Map<Integer, List<QueryBatch>> out = new TreeMap<>();
    groups.forEach((period, list) -> out.put(period, batches(list, maxQueriesPerCall)));
    return out;
  }

  public static List<QueryBatch> batches(List<SeriesId> series, int maxQueriesPerCall) {
    if (maxQueriesPerCall < 1) {
      throw new IllegalArgumentException("maxQueriesPerCall must be >= 1");
    }
    List<QueryBatch> out = new ArrayList<>();
    for (int i = 0; i < series.size(); i += maxQueriesPerCall) {
      out.add(new QueryBatch(series.subList(i, Math.min(series.size(), i + maxQueriesPerCall))));
    }
    return out;
  }
}
