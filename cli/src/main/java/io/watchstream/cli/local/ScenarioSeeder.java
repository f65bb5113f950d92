package io.watchstream.cli.local;

import io.watchstream.cli.local.Scenario.LogLine;
import io.watchstream.cli.local.Scenario.MetricSample;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.ec2.model.InstanceType;

/**
 * Writes the {@link Scenario} into an emulated AWS account (moto_server, or any endpoint speaking the AWS APIs):
 * an Auto Scaling group built from a launch template (its instances are the scenario's fleet), the metrics with
 * PutMetricData and the log lines with PutLogEvents. {@link #seedHistory} writes the last 30 minutes at once;
 * {@link #playUntil} then writes whatever has come due since, so the story keeps unfolding in real time.
 *
 * <p>Each datapoint is written once, when its minute starts; each log line once, when its time has come. The
 * seeder notices the group's desired capacity rising above {@link Scenario#INITIAL_CAPACITY} (the notifier's
 * scale-out) and lets web-1's CPU fall accordingly. Never meant for a real account: it uses fixed dummy
 * credentials and refuses an endpoint that is not loopback.
 */
public final class ScenarioSeeder implements AutoCloseable {

  private static final int DATUMS_PER_CALL = 500;

  private final EmulatorClients clients;
  private Scenario scenario;
  private int nextMetricMinute;
  private Instant logsSentUntil;
  private OptionalLong scaledOutAt = OptionalLong.empty();

  public ScenarioSeeder(URI endpoint) {
    String host = endpoint.getHost();
    if (!"127.0.0.1".equals(host) && !"localhost".equals(host)) {
      throw new IllegalArgumentException("the scenario is only written to a local AWS emulator, not " + endpoint);
    }
    clients = EmulatorClients.connect(endpoint);
  }

  /**
   * Creates the launch template, the Auto Scaling group (desired {@link Scenario#INITIAL_CAPACITY}) and the log
   * group and stream, then returns the scenario with the group's real instance ids, minute zero = {@code now}.
   */
  public Scenario createFleet(Instant now) {
    clients.ec2().createLaunchTemplate(b -> b.launchTemplateName(Scenario.LAUNCH_TEMPLATE)
        .launchTemplateData(d -> d.imageId("ami-0abcdef1234567890").instanceType(InstanceType.T3_SMALL)));
    clients.autoScaling().createAutoScalingGroup(b -> b.autoScalingGroupName(Scenario.AUTO_SCALING_GROUP)
        .launchTemplate(t -> t.launchTemplateName(Scenario.LAUNCH_TEMPLATE).version("$Latest"))
        .minSize(1).maxSize(6).desiredCapacity(Scenario.INITIAL_CAPACITY)
        .availabilityZones(Scenario.REGION + "a"));
    List<String> ids = group().instances().stream().map(Instance::instanceId).toList();
    if (ids.size() < 3) {
      throw new IllegalStateException("the emulated group started " + ids.size() + " instances, the scenario needs 3");
    }
    Scenario.Fleet fleet = new Scenario.Fleet(ids.get(0), ids.get(1), ids.get(2));
    try {
      clients.logs().createLogGroup(b -> b.logGroupName(Scenario.SECURE_LOG_GROUP));
    } catch (ResourceAlreadyExistsException e) {
      // A second local run against the same moto: the group is already there, which is what we want.
    }
    try {
      clients.logs().createLogStream(b -> b.logGroupName(Scenario.SECURE_LOG_GROUP).logStreamName(fleet.web1()));
    } catch (ResourceAlreadyExistsException e) {
      // As above.
    }
    scenario = new Scenario(fleet, now);
    nextMetricMinute = -Scenario.HISTORY_MINUTES;
    logsSentUntil = scenario.startOf(-Scenario.HISTORY_MINUTES).minusMillis(1);
    return scenario;
  }

  /** The fleet {@link #createFleet} found in the emulated group. */
  public Scenario.Fleet createdFleet() {
    requireFleet();
    return scenario.fleet();
  }

  /** The emulated group as Auto Scaling describes it now. */
  public AutoScalingGroup group() {
    return clients.autoScaling().describeAutoScalingGroups(b -> b.autoScalingGroupNames(Scenario.AUTO_SCALING_GROUP))
        .autoScalingGroups().get(0);
  }

  public int desiredCapacity() {
    return group().desiredCapacity();
  }

  /** Writes the 30 minutes of history up to {@code now}; returns how many datapoints and lines were written. */
  public Written seedHistory(Instant now) {
    return playUntil(now);
  }

  /** Writes everything due at or before {@code now} that was not written yet. */
  public synchronized Written playUntil(Instant now) {
    requireFleet();
    if (scaledOutAt.isEmpty() && desiredCapacity() > Scenario.INITIAL_CAPACITY) {
      scaledOutAt = OptionalLong.of(scenario.minuteOf(now));
    }
    List<MetricSample> samples = new ArrayList<>();
    int lastMinute = scenario.minuteOf(now);
    for (; nextMetricMinute <= lastMinute; nextMetricMinute++) {
      samples.addAll(scenario.metrics(nextMetricMinute, scaledOutAt));
    }
    List<LogLine> lines = new ArrayList<>();
    for (int m = scenario.minuteOf(logsSentUntil); m <= lastMinute; m++) {
      for (LogLine line : scenario.logs(m)) {
        if (line.timestamp().isAfter(logsSentUntil) && !line.timestamp().isAfter(now)) {
          lines.add(line);
        }
      }
    }
    putMetrics(samples);
    putLogs(lines);
    if (now.isAfter(logsSentUntil)) {
      logsSentUntil = now;
    }
    return new Written(samples.size(), lines.size());
  }

  /** How much one {@link #playUntil} call wrote. */
  public record Written(int datapoints, int logLines) {}

  /** The minute the seeder first saw the group scaled out, if it has. */
  public synchronized OptionalLong scaledOutAtMinute() {
    return scaledOutAt;
  }

  private void putMetrics(List<MetricSample> samples) {
    Map<String, List<MetricDatum>> byNamespace = new LinkedHashMap<>();
    for (MetricSample s : samples) {
      byNamespace.computeIfAbsent(s.namespace(), k -> new ArrayList<>()).add(MetricDatum.builder()
          .metricName(s.metricName())
          .dimensions(s.dimensions().entrySet().stream()
              .map(e -> Dimension.builder().name(e.getKey()).value(e.getValue()).build()).toList())
          .timestamp(s.timestamp())
          .value(s.value())
          .unit(StandardUnit.fromValue(s.unit()))
          .build());
    }
    byNamespace.forEach((namespace, datums) -> {
      for (int i = 0; i < datums.size(); i += DATUMS_PER_CALL) {
        List<MetricDatum> chunk = datums.subList(i, Math.min(datums.size(), i + DATUMS_PER_CALL));
        clients.cloudWatch().putMetricData(b -> b.namespace(namespace).metricData(chunk));
      }
    });
  }

  private void putLogs(List<LogLine> lines) {
    Map<String, List<LogLine>> byStream = new LinkedHashMap<>();
    for (LogLine line : lines) {
      byStream.computeIfAbsent(line.logGroup() + '\n' + line.logStream(), k -> new ArrayList<>()).add(line);
    }
    byStream.forEach((groupAndStream, streamLines) -> {
      String group = streamLines.get(0).logGroup();
      String stream = streamLines.get(0).logStream();
      // PutLogEvents wants the events of one call in time order.
      List<InputLogEvent> events = streamLines.stream().sorted(Comparator.comparing(LogLine::timestamp))
          .map(l -> InputLogEvent.builder().timestamp(l.timestamp().toEpochMilli()).message(l.message()).build())
          .toList();
      clients.logs().putLogEvents(b -> b.logGroupName(group).logStreamName(stream).logEvents(events));
    });
  }

  private void requireFleet() {
    if (scenario == null) {
      throw new IllegalStateException("createFleet first");
    }
  }

  @Override
  public void close() {
    clients.close();
  }
}
