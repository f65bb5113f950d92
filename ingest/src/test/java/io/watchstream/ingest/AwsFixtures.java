package io.watchstream.ingest;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;

/**
 * Puts the data of the teams' scenario into moto with the real AWS SDK: EC2 CPUUtilization, CloudWatch
 * agent memory and disk used_percent, ALB UnHealthyHostCount, and /var/log/secure lines.
 */
final class AwsFixtures implements AutoCloseable {

  final CloudWatchClient cloudWatch;
  final CloudWatchLogsClient logs;

  AwsFixtures(URI endpoint) {
    var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    cloudWatch = CloudWatchClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(creds).build();
    logs = CloudWatchLogsClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1).credentialsProvider(creds).build();
  }

  /** Dimensions in the given order (moto keeps it, and matches multi-dimension queries only in that order). */
  static List<Dimension> dims(String... nameValues) {
    List<Dimension> out = new ArrayList<>();
    for (int i = 0; i < nameValues.length; i += 2) {
      out.add(Dimension.builder().name(nameValues[i]).value(nameValues[i + 1]).build());
    }
    return out;
  }

  void put(String namespace, String metric, List<Dimension> dims, Instant t, double value, StandardUnit unit) {
    cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(MetricDatum.builder()
        .metricName(metric).dimensions(dims).timestamp(t).value(value).unit(unit).build()));
  }

  void cpu(String instance, Instant t, double value) {
    put("AWS/EC2", "CPUUtilization", dims("InstanceId", instance), t, value, StandardUnit.PERCENT);
  }

  void mem(String instance, Instant t, double value) {
    put("CWAgent", "mem_used_percent", dims("InstanceId", instance), t, value, StandardUnit.PERCENT);
  }

  void disk(String instance, Instant t, double value) {
    // The CloudWatch agent's own order, not sorted by name: ingest must query in the order ListMetrics lists.
    put("CWAgent", "disk_used_percent", dims("InstanceId", instance, "path", "/", "device", "xvda1", "fstype", "xfs"),
        t, value, StandardUnit.PERCENT);
  }

  void unhealthyHosts(String targetGroup, Instant t, double value) {
    put("AWS/ApplicationELB", "UnHealthyHostCount",
        dims("TargetGroup", targetGroup, "LoadBalancer", "app/web/50dc6c495c0c9188"), t, value, StandardUnit.COUNT);
  }

  void logLines(String group, String stream, List<InputLogEvent> events) {
    try {
      logs.createLogGroup(r -> r.logGroupName(group));
    } catch (ResourceAlreadyExistsException exists) {
      // fine: several calls add to one group
    }
    try {
      logs.createLogStream(r -> r.logGroupName(group).logStreamName(stream));
    } catch (ResourceAlreadyExistsException exists) {
      // fine
    }
    logs.putLogEvents(r -> r.logGroupName(group).logStreamName(stream).logEvents(events));
  }

  static InputLogEvent line(Instant t, String message) {
    return InputLogEvent.builder().timestamp(t.toEpochMilli()).message(message).build();
  }

  @Override
  public void close() {
    cloudWatch.close();
    logs.close();
  }
}
