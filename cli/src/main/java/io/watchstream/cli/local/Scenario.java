package io.watchstream.cli.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The scripted incident story of local mode, as pure data: what a small web fleet reports minute by minute.
 * Minute 0 is the minute local mode starts; the story begins 30 minutes earlier (history) and keeps playing live.
 *
 * <ul>
 *   <li>{@code web-1}: EC2 CPUUtilization 20–30% until a DDoS-like surge to ~95% from minute {@link #SURGE_MINUTE};
 *       it falls back to ~40% two minutes after the group scales out (when the seeder sees that happen).</li>
 *   <li>{@code web-2}: CWAgent {@code mem_used_percent} leaking from 45% by 1.5 points a minute (past 80% from minute -6).</li>
 *   <li>{@code web-3}: CWAgent {@code disk_used_percent} on {@code /} filling from 38% by 0.5 a minute (50% from minute -7).</li>
 *   <li>The load balancer's target group: {@code UnHealthyHostCount} 0, then 1 from minute {@link #UNHEALTHY_MINUTE}.</li>
 *   <li>{@code /var/log/secure} on web-1: a burst of {@code Failed password} lines, 12 a minute, during minutes -2 to 3.</li>
 * </ul>
 * Every other series stays healthy, so an alert on one of them would be a false positive. Values carry a small
 * deterministic wobble (no randomness: the same minute always yields the same value, so tests and the bundled
 * data files agree). One datapoint per series per minute, stamped at the start of its minute.
 */
public final class Scenario {

  public static final String REGION = "us-east-1";
  public static final String AUTO_SCALING_GROUP = "web-asg";
  public static final String LAUNCH_TEMPLATE = "web-lt";
  public static final int INITIAL_CAPACITY = 3;
  public static final String LOAD_BALANCER = "app/web-alb/50dc6c495c0c9188";
  public static final String TARGET_GROUP = "targetgroup/web-tg/73e2d6bc24d8a067";
  public static final String SECURE_LOG_GROUP = "/var/log/secure";
  public static final int HISTORY_MINUTES = 30;
  public static final int SURGE_MINUTE = -5;
  public static final int UNHEALTHY_MINUTE = -3;
  public static final int SSH_BURST_FIRST_MINUTE = -2;
  public static final int SSH_BURST_LAST_MINUTE = 3;
  public static final int SSH_LINES_PER_MINUTE = 12;

  /** The three instances of the group, in story order (web-1 surges, web-2 leaks, web-3 fills its disk). */
  public record Fleet(String web1, String web2, String web3) {
    /** Fixed ids for the bundled data files (no moto, so no real instance ids). */
    public static Fleet sample() {
      return new Fleet("i-0a1b2c3d4e5f60001", "i-0a1b2c3d4e5f60002", "i-0a1b2c3d4e5f60003");
    }

    public List<String> all() {
      return List.of(web1, web2, web3);
    }
  }

  /** One CloudWatch datapoint as PutMetricData would receive it (one sample, so every statistic equals value). */
  public record MetricSample(String namespace, String metricName, Map<String, String> dimensions, Instant timestamp,
                             double value, String unit) {
    public MetricSample {
      dimensions = java.util.Collections.unmodifiableMap(new TreeMap<>(dimensions)); // sorted: moto compares dimension lists in order
    }
  }

  /** One log line in a CloudWatch Logs group and stream. */
  public record LogLine(String logGroup, String logStream, Instant timestamp, String message) {}

  private final Fleet fleet;
  private final Instant minuteZero;

  /** @param minuteZero the start of minute 0 (truncated to the minute by this constructor) */
  public Scenario(Fleet fleet, Instant minuteZero) {
    this.fleet = fleet;
    this.minuteZero = Instant.ofEpochSecond(minuteZero.getEpochSecond() / 60 * 60);
  }

  public Fleet fleet() {
    return fleet;
  }

  public Instant minuteZero() {
    return minuteZero;
  }

  public Instant startOf(int minute) {
    return minuteZero.plus(Duration.ofMinutes(minute));
  }

  /** The minute that {@code t} falls in (negative before minute zero). */
  public int minuteOf(Instant t) {
    return (int) Math.floorDiv(t.getEpochSecond() - minuteZero.getEpochSecond(), 60);
  }

  /**
   * Every datapoint stamped at the start of {@code minute}.
   *
   * @param scaledOutAtMinute the minute the group's desired capacity first rose above {@link #INITIAL_CAPACITY},
   *                          if it has; web-1's load spreads over the new instance two minutes later
   */
  public List<MetricSample> metrics(int minute, OptionalLong scaledOutAtMinute) {
    Instant t = startOf(minute);
    List<MetricSample> out = new ArrayList<>();
    boolean relieved = scaledOutAtMinute.isPresent() && minute >= scaledOutAtMinute.getAsLong() + 2;
    for (String id : fleet.all()) {
      double cpu = 25 + wobble(minute, id, 5);
      if (id.equals(fleet.web1()) && minute >= SURGE_MINUTE) {
        cpu = relieved ? 40 + wobble(minute, id, 4) : 95 + wobble(minute, id, 2.5);
      }
      out.add(new MetricSample("AWS/EC2", "CPUUtilization", Map.of("InstanceId", id), t, round(cpu), "Percent"));

      double mem = 42 + wobble(minute, id + "mem", 3);
      if (id.equals(fleet.web2())) {
        mem = Math.min(97, 45 + 1.5 * (minute + HISTORY_MINUTES)) + wobble(minute, id, 0.4);
      }
      out.add(new MetricSample("CWAgent", "mem_used_percent", Map.of("InstanceId", id), t, round(mem), "Percent"));

      double disk = 31 + wobble(minute, id + "disk", 0.2);
      if (id.equals(fleet.web3())) {
        disk = Math.min(96, 38 + 0.5 * (minute + HISTORY_MINUTES + 1));
      }
      out.add(new MetricSample("CWAgent", "disk_used_percent",
          Map.of("InstanceId", id, "path", "/", "device", "nvme0n1p1", "fstype", "xfs"), t, round(disk), "Percent"));
    }
    out.add(new MetricSample("AWS/ApplicationELB", "UnHealthyHostCount",
        Map.of("LoadBalancer", LOAD_BALANCER, "TargetGroup", TARGET_GROUP), t, minute >= UNHEALTHY_MINUTE ? 1 : 0, "Count"));
    out.add(new MetricSample("AWS/ApplicationELB", "HealthyHostCount",
        Map.of("LoadBalancer", LOAD_BALANCER, "TargetGroup", TARGET_GROUP), t, minute >= UNHEALTHY_MINUTE ? 2 : 3, "Count"));
    return out;
  }

  /** Every log line written during {@code minute}, in time order. */
  public List<LogLine> logs(int minute) {
    List<LogLine> out = new ArrayList<>();
    String stream = fleet.web1();
    Instant t = startOf(minute);
    // A quiet, legitimate login every ten minutes: matched by nothing, proves the rule is not "any line".
    if (Math.floorMod(minute, 10) == 0) {
      out.add(new LogLine(SECURE_LOG_GROUP, stream, t.plusSeconds(7),
          sshd(t.plusSeconds(7), 1000 + minute, "Accepted publickey for deploy from 10.0.3.17 port 50122 ssh2")));
    }
    if (minute >= SSH_BURST_FIRST_MINUTE && minute <= SSH_BURST_LAST_MINUTE) {
      String[] users = {"root", "admin", "ubuntu", "oracle", "test", "postgres"};
      for (int i = 0; i < SSH_LINES_PER_MINUTE; i++) {
        Instant at = t.plusSeconds(2 + i * (60 / SSH_LINES_PER_MINUTE));
        String user = users[Math.floorMod(minute * SSH_LINES_PER_MINUTE + i, users.length)];
        int port = 40000 + Math.floorMod(minute * 97 + i * 13, 20000);
        out.add(new LogLine(SECURE_LOG_GROUP, stream, at, sshd(at, 2000 + Math.floorMod(minute, 100) * 20 + i,
            "Failed password for " + (user.equals("root") ? "" : "invalid user ") + user + " from 203.0.113.45 port "
                + port + " ssh2")));
      }
    }
    return out;
  }

  private static String sshd(Instant at, int pid, String text) {
    // The syslog prefix as rsyslog writes it on Amazon Linux: "Nov 25 14:03:07 ip-10-0-1-11 sshd[2231]: ...".
    String stamp = java.time.format.DateTimeFormatter.ofPattern("MMM dd HH:mm:ss", java.util.Locale.ROOT)
        .withZone(java.time.ZoneOffset.UTC).format(at);
    return stamp + " ip-10-0-1-11 sshd[" + pid + "]: " + text;
  }

  /** A deterministic wobble in [-amplitude, amplitude] from the minute and a series salt. */
  private static double wobble(int minute, String salt, double amplitude) {
    long h = (salt.hashCode() * 31L + minute) * 0x9E3779B97F4A7C15L;
    h ^= (h >>> 29);
    double unit = (h & 0xFFFF) / 65535.0; // [0, 1]
    return (unit * 2 - 1) * amplitude;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}
