package io.watchstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.watchstream.sandbox.FreePorts;
import io.watchstream.sandbox.MotoServer;
import io.watchstream.testkit.RealParts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

/**
 * {@code watchstream replay --cloudwatch} against a real moto_server: datapoints and log lines are put with
 * the AWS SDK, the replay backfills them through ingest's code (ListMetrics, GetMetricData, FilterLogEvents)
 * into memory and runs the rules; the transitions file says what the rules would have done. Also the
 * failures a user meets: a range without data, an endpoint that is not there.
 */
class ReplayCloudWatchIT {

  private static final MotoServer moto = RealParts.moto();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  // Ten-minute aligned, so the 5-minute log window and the 1-minute periods start at t0; recent enough for moto.
  private final Instant t0 = tenMinuteBoundaryBefore(Instant.now().minus(Duration.ofMinutes(40)));
  private CloudWatchClient cloudWatch;
  private CloudWatchLogsClient logs;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void setUp() {
    moto.reset();
    var creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"));
    cloudWatch = CloudWatchClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds).build();
    logs = CloudWatchLogsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1).credentialsProvider(creds).build();
  }

  @AfterEach
  void tearDown() {
    cloudWatch.close();
    logs.close();
  }

  private void put(String metric, List<Dimension> dims, Instant t, double value) {
    cloudWatch.putMetricData(r -> r.namespace("AWS/EC2").metricData(MetricDatum.builder()
        .metricName(metric).dimensions(dims).timestamp(t).value(value).unit(StandardUnit.PERCENT).build()));
  }

  private static List<Dimension> instance(String id) {
    return List.of(Dimension.builder().name("InstanceId").value(id).build());
  }

  private Instant minute(int m) {
    return t0.plus(Duration.ofMinutes(m));
  }

  /** i-1 surges above 80% in minutes 4-6; i-2 stays at 30%; /var/log/secure gets 12 failed logins in minute 3. */
  private void putScenario() {
    for (int m = 0; m < 10; m++) {
      put("CPUUtilization", instance("i-1"), minute(m), m >= 4 && m <= 6 ? 95 : 20);
      put("CPUUtilization", instance("i-2"), minute(m), 30);
      // not selected: another dimension set, another metric
      put("CPUUtilization", List.of(Dimension.builder().name("AutoScalingGroupName").value("web-asg").build()), minute(m), 99);
      put("NetworkIn", instance("i-1"), minute(m), 99);
    }
    logs.createLogGroup(r -> r.logGroupName("/var/log/secure"));
    logs.createLogStream(r -> r.logGroupName("/var/log/secure").logStreamName("i-1"));
    List<InputLogEvent> lines = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      lines.add(InputLogEvent.builder().timestamp(minute(3).plusSeconds(5L * i).toEpochMilli())
          .message("sshd[42]: Failed password for root from 203.0.113.7 port " + (40000 + i)).build());
    }
    logs.putLogEvents(r -> r.logGroupName("/var/log/secure").logStreamName("i-1").logEvents(lines));
  }

  private Path ingestConfig() throws IOException {
    return Files.writeString(dir.resolve("ingest.yaml"), """
        aws: { region: us-east-1, maxAttempts: 2 }
        kafka: { bootstrapServers: "127.0.0.1:1" }   # never used by a replay
        metrics:
          selectors:
            - { namespace: AWS/EC2, metricName: CPUUtilization, dimensions: { InstanceId: "i-*" }, statistics: [Average] }
        logs:
          sources:
            - { logGroup: /var/log/secure }
        backfill: { maxCallsPerSecond: 50 }
        """);
  }

  private Path rules() throws IOException {
    return Files.writeString(dir.resolve("rules.yaml"), """
        rules:
          - id: cpu-surge
            kind: threshold
            metric: { namespace: AWS/EC2, name: CPUUtilization, dimensions: { InstanceId: "*" } }
            period: 60s
            statistic: Average
            comparison: ">"
            threshold: 80
            evaluationPeriods: 2
            datapointsToAlarm: 2
          - { id: ssh-brute-force, kind: log-frequency, logs: { group: /var/log/secure, per: stream },
              pattern: '"Failed password"', window: 5m, grace: 0s, threshold: 10 }
        """);
  }

  private int replay(String endpoint, Instant from, Instant to, Path transitions) throws IOException {
    CommandLine cli = Watchstream.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute("replay", "--cloudwatch", "--from", from.toString(), "--to", to.toString(),
        "--ingest-config", ingestConfig().toString(), "--endpoint-url", endpoint,
        "--rules", rules().toString(), "--transitions", transitions.toString());
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : Files.readAllLines(file)) {
      out.add(JSON.readTree(l));
    }
    return out;
  }

  @Test
  void metricsAndLogsBackfilledThroughIngestReplayIntoTheExpectedTransitions() throws IOException {
    putScenario();
    Path transitions = dir.resolve("t.jsonl");

    int exit = replay(moto.endpoint().toString(), minute(0), minute(10), transitions);

    assertThat(exit).as(err.toString()).isZero();
    // 10 minutes x 2 selected instances; the AutoScalingGroupName series and NetworkIn are not selected
    assertThat(out.toString()).contains("replayed 20 datapoints of 2 series and 12 log events");
    String i1 = "AWS/EC2/CPUUtilization{InstanceId=i-1}/Average/60";
    String i2 = "AWS/EC2/CPUUtilization{InstanceId=i-2}/Average/60";
    assertThat(lines(transitions))
        .extracting(n -> n.get("rule").asText(), n -> n.get("series").asText(), n -> n.get("time").asText(),
            n -> n.get("from").asText(), n -> n.get("to").asText())
        .containsExactly(
            tuple("cpu-surge", i1, iso(minute(1)), "INSUFFICIENT_DATA", "OK"),
            tuple("cpu-surge", i2, iso(minute(1)), "INSUFFICIENT_DATA", "OK"),
            // the tenth failed login, 45 s into minute 3, decides the 5-minute window at once
            tuple("ssh-brute-force", "/var/log/secure/i-1", iso(minute(3).plusSeconds(45)), "INSUFFICIENT_DATA", "ALARM"),
            // minutes 4 and 5 above 80: ALARM at the end of the second breaching period
            tuple("cpu-surge", i1, iso(minute(6)), "OK", "ALARM"),
            // minute 7 back at 20: 1 of the last 2 breaching
            tuple("cpu-surge", i1, iso(minute(8)), "ALARM", "OK"),
            // no failed login in [t0+5m, t0+10m): the window is complete at the end of the input's last period
            tuple("ssh-brute-force", "/var/log/secure/i-1", iso(minute(10)), "ALARM", "OK"));
    assertThat(lines(transitions)).allSatisfy(n -> assertThat(n.get("ruleSet").asText()).isEqualTo("rules"));
  }

  @Test
  void aRangeWithoutDataIsAClearErrorWithExitCodeOne() throws IOException {
    putScenario();
    Path transitions = dir.resolve("t.jsonl");

    int exit = replay(moto.endpoint().toString(), minute(-120), minute(-60), transitions);

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("no data in CloudWatch at " + moto.endpoint())
        .contains("in [" + minute(-120) + ", " + minute(-60) + ")")
        .contains("the 2 series its selectors match have no datapoints in the range")
        .contains("its 1 log group(s) have no events in the range");
    assertThat(transitions).doesNotExist();
  }

  @Test
  void aLogGroupThatDoesNotExistIsAClearErrorWithExitCodeOne() throws IOException {
    for (int m = 0; m < 3; m++) {
      put("CPUUtilization", instance("i-1"), minute(m), 20);
    }

    int exit = replay(moto.endpoint().toString(), minute(0), minute(10), dir.resolve("t.jsonl"));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).startsWith("FilterLogEvents at " + moto.endpoint() + " failed: ").contains("log group does not exist");
  }

  @Test
  void anUnreachableEndpointIsAClearErrorWithExitCodeOne() throws IOException {
    String nobody = "http://127.0.0.1:" + FreePorts.pick();

    int exit = replay(nobody, minute(0), minute(10), dir.resolve("t.jsonl"));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).startsWith("ListMetrics at " + nobody + " failed: ").contains("Connection refused");
  }

  private static Instant tenMinuteBoundaryBefore(Instant t) {
    return Instant.ofEpochSecond(t.getEpochSecond() - Math.floorMod(t.getEpochSecond(), 600L));
  }

  private static String iso(Instant t) {
    return t.toString();
  }
}
