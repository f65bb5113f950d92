package io.watchstream.processor.app;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One daemon thread that looks at the processor from outside its stream threads, every
 * {@link ProcessorOpsConfig#brokerProbeInterval()}: asks the broker for its cluster id (a failed or slow answer
 * marks {@link BrokerReachability} unreachable, a good one clears it) and logs, once per episode, a stream
 * thread stuck on one record for longer than {@link ProcessorOpsConfig#stuckRecordAfter()}.
 */
final class ProcessorWatchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessorWatchdog.class);

  private final ProcessorOpsConfig ops;
  private final BrokerReachability broker;
  private final InFlightRecords inFlight;
  private final Map<String, Object> connectionConfig;
  private Admin admin; // created by start(): an application that is built but never started connects to nothing
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "watchstream-processor-watchdog");
    t.setDaemon(true);
    return t;
  });
  private final Set<String> reportedStuck = new HashSet<>();

  ProcessorWatchdog(Map<String, Object> connectionConfig, ProcessorOpsConfig ops, BrokerReachability broker, InFlightRecords inFlight) {
    this.ops = ops;
    this.broker = broker;
    this.inFlight = inFlight;
    this.connectionConfig = Map.copyOf(connectionConfig);
  }

  synchronized void start() {
    int timeoutMs = (int) Math.max(1_000, ops.brokerProbeInterval().toMillis());
    Map<String, Object> config = new java.util.HashMap<>(connectionConfig);
    config.putAll(Map.of(
        AdminClientConfig.CLIENT_ID_CONFIG, "watchstream-processor-watchdog",
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs,
        // the probe is the signal: the admin client's own reconnect backoff must not hide a broker that is back
        AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 1_000));
    admin = Admin.create(config);
    long period = ops.brokerProbeInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::look, 0, period, TimeUnit.MILLISECONDS);
  }

  private void look() {
    try {
      probeBroker();
      reportStuck();
    } catch (RuntimeException e) {
      LOG.warn("Watchdog check failed: {}", e.toString());
    }
  }

  private void probeBroker() {
    int timeoutMs = (int) Math.max(1_000, ops.brokerProbeInterval().toMillis());
    try {
      admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).clusterId().get(timeoutMs * 2L, TimeUnit.MILLISECONDS);
      if (broker.current().isPresent()) {
        LOG.info("Broker reachable again (unreachable for {} s)", Math.round(broker.unreachableSeconds()));
      }
      broker.reached();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (broker.current().isEmpty()) {
        LOG.warn("Broker unreachable: {}", cause.toString());
      }
      broker.failed("no answer to a cluster probe within " + Duration.ofMillis(timeoutMs).toSeconds() + " s: "
          + cause.getClass().getSimpleName());
    }
  }

  private void reportStuck() {
    List<InFlightRecords.Stuck> stuck = inFlight.stuckLongerThan(ops.stuckRecordAfter());
    Set<String> now = new HashSet<>();
    for (InFlightRecords.Stuck s : stuck) {
      String id = s.thread() + " " + s.processor() + " " + s.source();
      now.add(id);
      if (!reportedStuck.contains(id)) {
        LOG.warn("Stream thread {} has spent {} s on one record in {} ({}): it is not alerting meanwhile",
            s.thread(), s.elapsed().toSeconds(), s.processor(), s.source());
      }
    }
    reportedStuck.retainAll(now);
    reportedStuck.addAll(now);
  }

  @Override
  public synchronized void close() {
    scheduler.shutdownNow();
    if (admin != null) {
      admin.close(Duration.ofSeconds(5));
    }
  }
}
