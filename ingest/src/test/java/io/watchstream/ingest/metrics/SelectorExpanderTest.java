package io.watchstream.ingest.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.watchstream.avro.Dimension;
import io.watchstream.ingest.config.MetricSelector;
import io.watchstream.schemas.Glob;
import io.watchstream.schemas.SeriesKeys;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.ListMetricsRequest;
import software.amazon.awssdk.services.cloudwatch.model.Metric;

class SelectorExpanderTest {

  private static Metric metric(String ns, String name, String... dims) {
    Metric.Builder b = Metric.builder().namespace(ns).metricName(name);
    List<software.amazon.awssdk.services.cloudwatch.model.Dimension> list = new java.util.ArrayList<>();
    for (int i = 0; i < dims.length; i += 2) {
      list.add(software.amazon.awssdk.services.cloudwatch.model.Dimension.builder().name(dims[i]).value(dims[i + 1]).build());
    }
    return b.dimensions(list).build();
  }

  private static MetricSelector selector(String ns, String name, Map<String, String> dims, List<String> stats) {
    return new MetricSelector(ns, name, dims, stats, null, null, null, null);
  }

  @Test
  void wildcardDimensionMatchesEveryInstanceAndEachStatisticIsASeries() {
    SelectorExpander e = new SelectorExpander(
        selector("AWS/EC2", "CPUUtilization", Map.of("InstanceId", "i-*"), List.of("Average", "Maximum")));

    var series = e.expand(List.of(
        metric("AWS/EC2", "CPUUtilization", "InstanceId", "i-1"),
        metric("AWS/EC2", "CPUUtilization", "InstanceId", "i-2"),
        metric("AWS/EC2", "CPUUtilization", "InstanceId", "other")));

    assertThat(series).extracting(SeriesId::canonical).containsExactly(
        "AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60",
        "AWS/EC2/CPUUtilization{InstanceId=i-1}/Maximum/60",
        "AWS/EC2/CPUUtilization{InstanceId=i-2}/Average/60",
        "AWS/EC2/CPUUtilization{InstanceId=i-2}/Maximum/60");
  }

  @Test
  void repeatedMetricsFromListMetricsAreDeduplicated() {
    SelectorExpander e = new SelectorExpander(selector("CWAgent", "disk_used_percent",
        Map.of("InstanceId", "*", "path", "/", "device", "*", "fstype", "*"), List.of("Average")));
    Metric disk = metric("CWAgent", "disk_used_percent", "InstanceId", "i-1", "path", "/", "device", "xvda1", "fstype", "xfs");

    assertThat(e.expand(List.of(disk, disk, disk))).hasSize(1);
  }

  @Test
  void metricWithOtherDimensionsIsNotSelectedUnlessAllowed() {
    Metric byAsg = metric("AWS/EC2", "CPUUtilization", "AutoScalingGroupName", "web");
    Metric byInstanceAndType = metric("AWS/EC2", "CPUUtilization", "InstanceId", "i-1", "InstanceType", "t3.micro");
    Map<String, String> dims = Map.of("InstanceId", "*");

    assertThat(new SelectorExpander(selector("AWS/EC2", "CPUUtilization", dims, List.of("Average")))
        .expand(List.of(byAsg, byInstanceAndType))).isEmpty();
    assertThat(new SelectorExpander(new MetricSelector("AWS/EC2", "CPUUtilization", dims, List.of("Average"), null, null, true, null))
        .expand(List.of(byAsg, byInstanceAndType))).hasSize(1);
  }

  @Test
  void listRequestSendsLiteralsAndNamesOnlyForWildcards() {
    ListMetricsRequest r = new SelectorExpander(selector("AWS/ApplicationELB", "UnHealthyHostCount",
        Map.of("TargetGroup", "targetgroup/*", "LoadBalancer", "app/web/123"), List.of("Maximum"))).listRequest();

    assertThat(r.namespace()).isEqualTo("AWS/ApplicationELB");
    assertThat(r.metricName()).isEqualTo("UnHealthyHostCount");
    assertThat(r.dimensions()).containsExactlyInAnyOrder(
        DimensionFilter.builder().name("TargetGroup").build(),
        DimensionFilter.builder().name("LoadBalancer").value("app/web/123").build());
  }

  @Test
  void wildcardMetricNameIsMatchedClientSide() {
    SelectorExpander e = new SelectorExpander(selector("CWAgent", "*_used_percent", Map.of("InstanceId", "*"), List.of("Average")));
    assertThat(e.listRequest().metricName()).isNull();
    assertThat(e.expand(List.of(metric("CWAgent", "mem_used_percent", "InstanceId", "i-1"),
        metric("CWAgent", "swap_free", "InstanceId", "i-1")))).hasSize(1);
  }

  @Test
  void canonicalFormIsTheSameAsTheSchemasModule() {
    SeriesId s = SeriesId.of("CWAgent", "disk_used_percent", Map.of("path", "/", "InstanceId", "i-1", "device", "xvda1"), "Average", 60);
    assertThat(s.canonical()).isEqualTo(SeriesKeys.canonical(s.toKey()));
    assertThat(s.toKey().getDimensions()).extracting(Dimension::getName).containsExactly("InstanceId", "device", "path");
  }

  @Test
  void queryKeepsTheListedDimensionOrderWhileIdentityIsSorted() {
    SelectorExpander e = new SelectorExpander(selector("CWAgent", "disk_used_percent",
        Map.of("InstanceId", "*", "path", "*", "device", "*", "fstype", "*"), List.of("Average")));
    Metric listed = metric("CWAgent", "disk_used_percent", "InstanceId", "i-1", "path", "/", "device", "xvda1", "fstype", "xfs");
    Metric reordered = metric("CWAgent", "disk_used_percent", "fstype", "xfs", "device", "xvda1", "path", "/", "InstanceId", "i-1");

    var series = e.expand(List.of(listed, reordered));

    assertThat(series).hasSize(1);
    QueryBatch batch = new QueryBatch(List.copyOf(series));
    assertThat(batch.queries().get(0).metricStat().metric().dimensions())
        .extracting(software.amazon.awssdk.services.cloudwatch.model.Dimension::name)
        .containsExactly("InstanceId", "path", "device", "fstype");
    assertThat(series.iterator().next().canonical())
        .isEqualTo("CWAgent/disk_used_percent{InstanceId=i-1,device=xvda1,fstype=xfs,path=/}/Average/60");
  }

  @Test
  void globQuestionMarkMatchesOneCharacter() {
    assertThat(Glob.of("i-?").matches("i-1")).isTrue();
    assertThat(Glob.of("i-?").matches("i-12")).isFalse();
    assertThat(Glob.of("a.b*").matches("a.bc")).isTrue();
    assertThat(Glob.of("a.b*").matches("axbc")).isFalse();
  }

  @Test
  void shardsSplitSeriesWithoutOverlapOrGaps() {
    List<String> ids = java.util.stream.IntStream.range(0, 1000).mapToObj(i -> "series-" + i).toList();
    ShardFilter a = new ShardFilter(0, 3);
    ShardFilter b = new ShardFilter(1, 3);
    ShardFilter c = new ShardFilter(2, 3);
    for (String id : ids) {
      int owners = (a.owns(id) ? 1 : 0) + (b.owns(id) ? 1 : 0) + (c.owns(id) ? 1 : 0);
      assertThat(owners).as(id).isEqualTo(1);
    }
    assertThat(ids.stream().filter(a::owns).count()).isBetween(250L, 420L);
  }
}
