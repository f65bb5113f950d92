package io.watchstream.bench.peer;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny Prometheus exporter on loopback serving one gauge, {@code bench_cpu_utilization{instance_id="..."}}: the
 * same synthetic CPU series the harness writes to the {@code metrics} topic for watchstream. The value is set by
 * the harness ({@link #set(double)}) and counts of scrapes let it wait until Prometheus has seen the calm value.
 */
public final class SyntheticCpuExporter implements AutoCloseable {

  private final HttpServer server;
  private final String instanceId;
  private final AtomicInteger scrapes = new AtomicInteger();
  private volatile double value;

  public SyntheticCpuExporter(String instanceId, double initialValue) {
    this.instanceId = instanceId;
    this.value = initialValue;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the exporter port", e);
    }
    server.createContext("/metrics", exchange -> {
      try (exchange) {
        byte[] body = String.format(Locale.ROOT,
            "# HELP bench_cpu_utilization Synthetic CPU utilisation in percent.\n"
                + "# TYPE bench_cpu_utilization gauge\n"
                + "bench_cpu_utilization{instance_id=\"%s\"} %s\n", this.instanceId, Double.toString(value))
            .getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
        scrapes.incrementAndGet();
      }
    });
    server.start();
  }

  /** {@code 127.0.0.1:PORT}, the scrape target. */
  public String target() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  public void set(double newValue) {
    value = newValue;
  }

  public int scrapes() {
    return scrapes.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
