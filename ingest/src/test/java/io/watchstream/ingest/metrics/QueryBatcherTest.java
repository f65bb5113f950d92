package io.watchstream.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;

class QueryBatcherTest {

  private static List<SeriesId> series(int n, int period) {
    return IntStream.range(0, n)
        .mapToObj(i -> SeriesId.of("AWS/EC2", "CPUUtilization", Map.of("InstanceId", "i-" + i), "Average", period))
        .toList();
  }

  @Test
  void tenThousandSeriesTakeTwentyCalls() {
    var batches = QueryBatcher.byPeriod(series(10_000, 60), 500);
    assertThat(batches.get(60)).hasSize(20).allSatisfy(b -> assertThat(b.size()).isEqualTo(500));
  }

  @Test
  void lastBatchHoldsTheRemainder() {
    var batches = QueryBatcher.batches(series(1_201, 60), 500);
    assertThat(batches).extracting(QueryBatch::size).containsExactly(500, 500, 201);
  }

  @Test
  void seriesAreGroupedByPeriod() {
    List<SeriesId> all = new ArrayList<>(series(3, 60));
    all.addAll(series(2, 10));
    var batches = QueryBatcher.byPeriod(all, 500);
    assertThat(batches.keySet()).containsExactly(10, 60);
    assertThat(batches.get(10).get(0).series()).allSatisfy(s -> assertThat(s.periodSeconds()).isEqualTo(10));
  }

  @Test
  void queryIdsMapBackToTheirSeries() {
    QueryBatch batch = QueryBatcher.batches(series(600, 60), 500).get(1);
    List<MetricDataQuery> queries = batch.queries();

    assertThat(queries).hasSize(100);
    for (MetricDataQuery q : queries) {
      SeriesId s = batch.seriesFor(q.id());
      assertThat(q.metricStat().metric().dimensions().get(0).value()).isEqualTo(s.dimensions().get("InstanceId"));
      assertThat(q.metricStat().stat()).isEqualTo("Average");
      assertThat(q.metricStat().period()).isEqualTo(60);
      assertThat(q.id()).matches("[a-z][a-zA-Z0-9_]*");
    }
    assertThat(batch.seriesFor("q0").dimensions()).containsEntry("InstanceId", "i-500");
    assertThat(batch.seriesFor("q100")).isNull();
    assertThat(batch.seriesFor("x1")).isNull();
  }
}
